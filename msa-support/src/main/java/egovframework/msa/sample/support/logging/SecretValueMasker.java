package egovframework.msa.sample.support.logging;

import com.fasterxml.jackson.core.JsonStreamContext;
import net.logstash.logback.mask.ValueMasker;

/**
 * Masks secrets inside every string value of a JSON log line (message, stack trace, MDC values).
 * logstash-logback-encoder 6.6's own regex masker replaces a value only when the whole value matches, so it
 * cannot mask a token in the middle of a message; this one replaces each occurrence (SecretMasks).
 */
public class SecretValueMasker implements ValueMasker {

    @Override
    public Object mask(JsonStreamContext context, Object value) {
        if (!(value instanceof CharSequence)) {
            return null;
        }
        String text = value.toString();
        String masked = SecretMasks.mask(text);
        // null means "unchanged" to the masking generator.
        return masked == text ? null : masked;
    }
}
