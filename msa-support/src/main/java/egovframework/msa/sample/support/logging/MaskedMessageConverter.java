package egovframework.msa.sample.support.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * %m, %msg and %message of the plain-text layout, with secrets masked and control characters escaped
 * (logback-spring.xml): one event, one line, whatever text from outside the message quotes.
 */
public class MaskedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return OneLine.escape(SecretMasks.mask(super.convert(event)));
    }
}
