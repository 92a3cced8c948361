package egovframework.msa.sample.support.startup;

import egovframework.msa.sample.support.accessrecord.AccessRecordsOffRefused;
import egovframework.msa.sample.support.logging.SecretMasks;
import egovframework.msa.sample.support.schema.SchemaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Start-up failures a user can act on get one line instead of Spring Boot's long stack trace: the
 * config server never answered (fail-fast after the retries), required settings are missing or invalid, the schema is
 * not migrated (or its migration failed), or access records are switched off outside a local run. Boot's own
 * extension point for this, asked before the failure analyzers. Not a FailureAnalyzer: Boot's FailureAnalysisReporter prints an analysis as a many-line
 * Description/Action block, so one line would take an analyzer per failure plus a replaced reporter, where
 * this one class does it (the one-line refusals: StartupFailuresIT, MigrateIT).
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class StartupFailureReporter implements SpringBootExceptionReporter {

    private static final Logger log = LoggerFactory.getLogger(StartupFailureReporter.class);
    /** The config client's fail-fast throws a plain IllegalStateException: its message is the only mark it has. */
    static final String FAIL_FAST_MESSAGE = "Could not locate PropertySource";

    private final ConfigurableApplicationContext context;

    public StartupFailureReporter(ConfigurableApplicationContext context) {
        this.context = context;
    }

    @Override
    public boolean reportException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RequiredSettingsCheck.MissingSettingsException || t instanceof InvalidSettingException) {
                log.error("Refusing to start. {}", t.getMessage());
                return true;
            }
            if (t instanceof SchemaException || t instanceof AccessRecordsOffRefused) {
                log.error("{}", t.getMessage());
                return true;
            }
        }
        if (!isConfigServerFailure(failure)) {
            return false;
        }
        String uri = context == null ? null : context.getEnvironment().getProperty("spring.cloud.config.uri");
        // The URI may carry a login (https://user:password@host); only its password is left out.
        log.error("Config server unreachable at {} after all retries; start config-server first or set CONFIG_SERVER_URI",
                uri == null ? "(spring.cloud.config.uri not set)" : SecretMasks.mask(uri));
        return true;
    }

    static boolean isConfigServerFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(FAIL_FAST_MESSAGE)) {
                return true;
            }
        }
        return false;
    }
}
