package egovframework.msa.sample.support.startup;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The database side of a one-off admin process (12-factor XII: {@code migrate}, {@code access-records verify},
 * {@code access-records prune}): the service's own jar or image, with its own Spring context that holds a
 * DataSource and nothing else (no web server, Eureka, broker, config server or token key), on the database the
 * environment names with the variables the service itself reads ({@code <PREFIX>_URL}, {@code _USERNAME},
 * {@code _PASSWORD}). A Job that runs it needs its database login and no other Secret.
 */
public final class OneOffDatabase {

    /** Flyway's own default: the schema's migrations, no seed data. */
    public static final String DEFAULT_LOCATIONS = "classpath:db/migration";

    private final String service;
    private final String application;
    private final String prefix;

    /**
     * @param service     the module's name, for the output (customer-service)
     * @param application spring.application.name (customer)
     * @param prefix      of the datasource variables the service reads (CUSTOMER_DB: CUSTOMER_DB_URL, ...)
     */
    public OneOffDatabase(String service, String application, String prefix) {
        this.service = service;
        this.application = application;
        this.prefix = prefix;
    }

    public String service() {
        return service;
    }

    /** The variable that names the database: CUSTOMER_DB_URL. */
    public String urlVariable() {
        return prefix + "_URL";
    }

    /** The variable that names the Flyway locations beyond the schema's: CUSTOMER_DB_LOCATIONS. */
    public String locationsVariable() {
        return prefix + "_LOCATIONS";
    }

    /** The database URL the environment names, blank when none. */
    public String url(Map<String, String> environment) {
        return environment.getOrDefault(urlVariable(), "");
    }

    /** The settings of the process's own context, on the database {@code environment} names. */
    public Map<String, Object> settings(Map<String, String> environment) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("spring.application.name", application);
        // Its database only: no config server (Spring Cloud's bootstrap context), and no pool for one connection.
        settings.put("spring.cloud.bootstrap.enabled", "false");
        settings.put("spring.datasource.url", url(environment));
        settings.put("spring.datasource.username", environment.getOrDefault(prefix + "_USERNAME", "sa"));
        settings.put("spring.datasource.password", environment.getOrDefault(prefix + "_PASSWORD", ""));
        settings.put("spring.datasource.type", "org.springframework.jdbc.datasource.DriverManagerDataSource");
        // The schema only, unless the deployment names more (CUSTOMER_DB_LOCATIONS: db/seed, the sample customers,
        // in compose's demo and the k8s dev overlay; never prod): the same variable and default as the service's
        // container profiles (config-repo/customer.yml), so both see the same migrations.
        settings.put("spring.flyway.locations", environment.getOrDefault(locationsVariable(), "").isBlank()
                ? DEFAULT_LOCATIONS : environment.get(locationsVariable()));
        // A database that ran a migration since moved to a location not named here (customer-service's seed, V2,
        // was in db/migration until the seed moved to db/seed) keeps it in its history: not an error.
        settings.put("spring.flyway.ignore-missing-migrations", "true");
        settings.put("spring.jmx.enabled", "false");
        // Outside the local profile a missing or development login is refused here as in the service (RequiredSettingsCheck).
        settings.put(RequiredSettingsCheck.REQUIRED, urlVariable() + "," + prefix + "_PASSWORD");
        // A failure is the process's one line (or StartupFailureReporter's), not Spring Boot's report and stack trace.
        settings.put("logging.level.org.springframework.boot.SpringApplication", "OFF");
        settings.put("logging.level.org.springframework.boot.diagnostics", "OFF");
        settings.put("logging.level.org.springframework.boot.autoconfigure.logging", "OFF");
        settings.put("logging.level.org.springframework.context", "ERROR");
        settings.put("spring.main.banner-mode", "off");
        return settings;
    }

    /** Whether a failure was already reported in one line (missing settings): nothing more to say then. */
    public static boolean alreadyReported(Throwable failure, Class<?> reported) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (reported.isInstance(t) || t instanceof RequiredSettingsCheck.MissingSettingsException) {
                return true;
            }
        }
        return false;
    }
}
