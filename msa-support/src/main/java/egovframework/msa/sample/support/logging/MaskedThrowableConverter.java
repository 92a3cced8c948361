package egovframework.msa.sample.support.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import org.springframework.boot.logging.logback.WhitespaceThrowableProxyConverter;

/**
 * Spring Boot's %wEx (the stack trace of the plain-text layout) with secrets masked: exception messages
 * quote URLs and tokens. It must stay a top-level converter of the pattern (not wrapped in another one), or
 * Logback appends a second, unmasked stack trace.
 */
public class MaskedThrowableConverter extends WhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return SecretMasks.mask(super.throwableProxyToString(tp));
    }
}
