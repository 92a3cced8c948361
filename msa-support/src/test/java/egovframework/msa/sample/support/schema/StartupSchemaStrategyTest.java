package egovframework.msa.sample.support.schema;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A service's start: migrate locally, refuse an unmigrated schema in the container profiles. */
class StartupSchemaStrategyTest {

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                    FlywayAutoConfiguration.class, SchemaAutoConfiguration.class))
            // A local run's setting (config-repo/application.yml); the container profiles' tests set false.
            .withPropertyValues("spring.application.name=note", "suite.schema.migrate-on-start=true");

    private static String database() {
        return "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    @Test
    void locallyTheServiceMigratesItsSchemaAtStart() {
        service.withPropertyValues(database()).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT body FROM note", String.class))
                    .isEqualTo("migrated");
        });
    }

    @Test
    void inTheContainersAnUnmigratedSchemaStopsTheServiceWithOneLine() {
        String database = database();
        service.withPropertyValues(database, "suite.schema.migrate-on-start=false").run(context -> {
            assertThat(context).hasFailed();
            assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure())).isInstanceOf(SchemaException.class)
                    .hasMessageStartingWith("Refusing to start: the schema of note on jdbc:h2:mem:")
                    .hasMessageContaining("is not migrated (2 pending migrations, up to version 2)")
                    .hasMessageContaining("schema-migrate-note")
                    .hasMessageNotContaining("\n");
        });
    }

    @Test
    void inTheContainersAMigratedSchemaIsOnlyChecked() {
        String database = database();
        // The one-off migration's work, done the way a local start does it.
        service.withPropertyValues(database).run(context -> assertThat(context).hasNotFailed());
        service.withPropertyValues(database, "suite.schema.migrate-on-start=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL", Integer.class)).isEqualTo(2);
        });
    }

    @Test
    void inTheContainersAChangedMigrationStopsTheService() {
        String database = database();
        service.withPropertyValues(database).run(context -> context.getBean(JdbcTemplate.class)
                .update("UPDATE \"flyway_schema_history\" SET \"checksum\" = 1 WHERE \"version\" = '1'"));
        service.withPropertyValues(database, "suite.schema.migrate-on-start=false").run(context -> {
            assertThat(context).hasFailed();
            assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure())).isInstanceOf(SchemaException.class)
                    .hasMessageContaining("does not match its migrations: ");
        });
    }
}
