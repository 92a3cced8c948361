package egovframework.msa.sample.support.schema;

import egovframework.msa.sample.support.logging.SecretMasks;
import egovframework.msa.sample.support.startup.OneOffDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.util.Map;

/**
 * The one-off schema migration (12-factor XII, admin processes): the service's own jar or image, started with
 * the argument {@value #COMMAND}, applies its Flyway migrations (classpath db/migration, and any location
 * {@code <PREFIX>_LOCATIONS} names, see {@link OneOffDatabase}) to the database its
 * environment names, with the variables the service itself reads ({@code <PREFIX>_URL}, {@code _USERNAME},
 * {@code _PASSWORD}), and exits: 0 and one line saying where the schema stands, or non-zero and one line
 * saying why not. Run once per release before the services roll out (compose's schema-migrate-* services,
 * the Kubernetes Jobs schema-migrate-*, ./suite migrate); the services then only check the schema
 * ({@link StartupSchemaStrategy}).
 *
 * <p>A Spring context of its own with a DataSource and Flyway only, not the service's ({@link OneOffDatabase}):
 * it needs its database login and nothing else, and a Job holds no other Secret.
 */
public final class SchemaMigration {

    public static final String COMMAND = "migrate";
    static final String SERVICE = "suite.schema.service";
    private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);

    private final String service;
    private final OneOffDatabase database;

    private SchemaMigration(String service, String application, String prefix) {
        this.service = service;
        this.database = new OneOffDatabase(service, application, prefix);
    }

    /**
     * @param service     the module's name, for the output (customer-service)
     * @param application spring.application.name (customer)
     * @param prefix      of the datasource variables the service reads (CUSTOMER_DB: CUSTOMER_DB_URL, ...)
     */
    public static SchemaMigration of(String service, String application, String prefix) {
        return new SchemaMigration(service, application, prefix);
    }

    /** True when the process was started as the migration: {@code java -jar customer-service.jar migrate}. */
    public static boolean requested(String[] args) {
        return args.length > 0 && COMMAND.equals(args[0]);
    }

    /** Migrates the database the environment names; the process's exit status. */
    public int run(String[] args) {
        return run(System.getenv(), args);
    }

    /** Migrates the database {@code environment} names (the process's environment in {@link #run(String[])}). */
    public int run(Map<String, String> environment, String[] args) {
        if (database.url(environment).isBlank()) {
            // Logging is not set up yet: stderr, one line.
            System.err.println(service + ": " + database.urlVariable() + " is not set: name the database to migrate (a local"
                    + " run's in-memory H2 is migrated by the service itself at every start)");
            return 2;
        }
        Map<String, Object> settings = database.settings(environment);
        settings.put(SERVICE, service);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MigrationContext.class)
                .web(WebApplicationType.NONE).properties(settings).run(args)) {
            log.info("{}", context.getBean(Migrator.class).report);
            return 0;
        } catch (RuntimeException e) {
            if (!OneOffDatabase.alreadyReported(e, SchemaException.class)) {
                log.error("{}: schema migration failed: {}", service, SchemaException.firstLine(SchemaException.rootCause(e)));
            }
            return 1;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
    static class MigrationContext {

        @Bean
        Migrator migrator(Environment environment) {
            return new Migrator(environment.getProperty(SERVICE),
                    SecretMasks.mask(environment.getProperty("spring.datasource.url", "")));
        }

        /** Boot hands Flyway every Callback bean: the service login keeps only appending on the access records. */
        @Bean
        AppendOnlyGrants appendOnlyGrants() {
            return new AppendOnlyGrants();
        }
    }

    /** Boot's Flyway initializer hands it the configured Flyway as the context starts. */
    static final class Migrator implements FlywayMigrationStrategy {

        private final String service;
        private final String where;
        private String report;

        Migrator(String service, String where) {
            this.service = service;
            this.where = where;
        }

        @Override
        public void migrate(Flyway flyway) {
            try {
                int applied = flyway.migrate();
                MigrationInfo current = flyway.info().current();
                report = service + ": schema at version " + (current == null ? "none" : current.getVersion())
                        + " (" + applied + " migration" + (applied == 1 ? "" : "s") + " applied) on " + where;
            } catch (FlywayException e) {
                throw new SchemaException(service + ": schema migration failed on " + where + ": "
                        + SchemaException.describe(e));
            }
        }
    }
}
