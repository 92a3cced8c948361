package egovframework.msa.sample.support.startup;

/**
 * A setting whose value cannot work (not a CIDR, not a URL...): the service refuses to start, and
 * {@link StartupFailureReporter} reports it as "Refusing to start. " and this message, in one line. Thrown where
 * the setting is read, typically by the constructor of a {@code @ConfigurationProperties} value object.
 */
public final class InvalidSettingException extends IllegalStateException {

    public InvalidSettingException(String message) {
        super(message);
    }
}
