package egovframework.msa.sample.customer.infrastructure.persistence;

import egovframework.msa.sample.support.schema.SchemaMigration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sample customers (db/seed, V2) only where the deployment names them: customer-service's one-off migration
 * ({@code migrate}) without CUSTOMER_DB_LOCATIONS, as in prod, leaves the customer table empty; with the seed named
 * (./suite up, compose, k8s dev) the three customers are there; and a database migrated before the seed moved out
 * of db/migration (V2 in its history) still migrates and validates under the prod setting, as the service checks it.
 */
@ExtendWith(OutputCaptureExtension.class)
class SeedDataTest {

    private static final SchemaMigration MIGRATION = SchemaMigration.of("customer-service", "customer", "CUSTOMER_DB");
    /** Not this module's test application.properties (which names the seed for the other tests): the image has none. */
    private static final String[] ARGS = {SchemaMigration.COMMAND, "--spring.config.name=no-test-properties"};
    private static final String SEEDED = "classpath:db/migration,classpath:db/seed";

    @TempDir
    Path dir;

    @Test
    void theProdSettingMigratesTheSchemaWithoutTheSampleCustomers(CapturedOutput output) throws SQLException {
        String url = database("prod");

        assertThat(MIGRATION.run(Map.of("CUSTOMER_DB_URL", url), ARGS)).as(output.getAll()).isZero();

        assertThat(count(url, "SELECT COUNT(*) FROM customer")).isZero();
        assertThat(count(url, "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '2'")).isZero();
        assertThat(count(url, "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '6' AND \"success\"")).isOne();
        assertThat(output.getOut()).contains("customer-service: schema at version 6 (5 migrations applied) on " + url);
    }

    @Test
    void outsideProdTheSeedIsNamedAndTheSampleCustomersAreThere(CapturedOutput output) throws SQLException {
        String url = database("local");

        assertThat(MIGRATION.run(Map.of("CUSTOMER_DB_URL", url, "CUSTOMER_DB_LOCATIONS", SEEDED), ARGS)).as(output.getAll()).isZero();

        assertThat(count(url, "SELECT COUNT(*) FROM customer")).isEqualTo(3);
        assertThat(count(url, "SELECT COUNT(*) FROM customer WHERE id = 1234 AND name = '홍길동'")).isOne();
        assertThat(output.getOut()).contains("customer-service: schema at version 6 (6 migrations applied) on " + url);
    }

    @Test
    void aDatabaseThatRanTheSeedAsV2StillMigratesAndValidatesUnderTheProdSetting(CapturedOutput output) throws Exception {
        String url = database("legacy");
        // The history the previous release wrote: V2__seed_customers.sql was in db/migration, the same file
        // (version, description, checksum) that db/seed holds now.
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration", "classpath:db/seed").load().migrate();
        assertThat(count(url, "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '2' AND \"success\"")).isOne();

        assertThat(MIGRATION.run(Map.of("CUSTOMER_DB_URL", url), ARGS)).as(output.getAll()).isZero();
        assertThat(output.getOut()).contains("customer-service: schema at version 6 (0 migrations applied) on " + url);

        // The service's own check (msa-support StartupSchemaStrategy: pending, then validate) with what
        // config-repo/customer.yml gives it where CUSTOMER_DB_LOCATIONS is not set.
        StandardEnvironment service = serviceEnvironment();
        Flyway asTheServiceSeesIt = Flyway.configure().dataSource(url, "sa", "")
                .locations(service.getRequiredProperty("spring.flyway.locations").split(","))
                .ignoreMissingMigrations(service.getRequiredProperty("spring.flyway.ignore-missing-migrations", Boolean.class))
                .load();
        assertThat(asTheServiceSeesIt.info().pending()).isEmpty();
        asTheServiceSeesIt.validate();
        // Without the setting the missing V2 would stop every instance: the setting is what keeps it running.
        assertThatThrownBy(() -> Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().validate())
                .isInstanceOf(FlywayException.class).hasMessageContaining("2");
    }

    @Test
    void config_repoNamesTheSchemaOnlyUnlessTheDeploymentNamesTheSeed() throws IOException {
        assertThat(serviceEnvironment().getProperty("spring.flyway.locations")).isEqualTo("classpath:db/migration");
    }

    /** config-repo/customer.yml as the config server serves it, with no CUSTOMER_DB_LOCATIONS in the environment. */
    private static StandardEnvironment serviceEnvironment() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("customer.yml",
                new FileSystemResource("../config-repo/customer.yml"))) {
            environment.getPropertySources().addLast(source);
        }
        return environment;
    }

    private String database(String name) {
        return "jdbc:h2:file:" + dir.resolve(name);
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
