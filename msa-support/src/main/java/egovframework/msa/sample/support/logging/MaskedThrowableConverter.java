package egovframework.msa.sample.support.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import org.springframework.boot.logging.logback.WhitespaceThrowableProxyConverter;

/**
 * Spring Boot's %wEx (the stack trace of the plain-text layout) with secrets masked: exception messages
 * quote URLs and tokens. Each exception's message is also kept on its own line (control characters escaped,
 * {@link OneLine}): messages quote input ("For input string: ..."), and only the frames may start new lines.
 * It must stay a top-level converter of the pattern (not wrapped in another one), or Logback appends a second,
 * unmasked stack trace.
 */
public class MaskedThrowableConverter extends WhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return SecretMasks.mask(super.throwableProxyToString(OneLineMessages.of(tp)));
    }

    /** The same exception, cause and suppressed ones included, with one-line messages. */
    private static final class OneLineMessages implements IThrowableProxy {
        private final IThrowableProxy proxy;

        private OneLineMessages(IThrowableProxy proxy) {
            this.proxy = proxy;
        }

        static IThrowableProxy of(IThrowableProxy proxy) {
            return proxy == null ? null : new OneLineMessages(proxy);
        }

        @Override
        public String getMessage() {
            return OneLine.escape(SecretMasks.mask(proxy.getMessage()));
        }

        @Override
        public String getClassName() {
            return proxy.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return proxy.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return proxy.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return of(proxy.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] suppressed = proxy.getSuppressed();
            if (suppressed == null) {
                return null;
            }
            IThrowableProxy[] wrapped = new IThrowableProxy[suppressed.length];
            for (int i = 0; i < suppressed.length; i++) {
                wrapped[i] = of(suppressed[i]);
            }
            return wrapped;
        }
    }
}
