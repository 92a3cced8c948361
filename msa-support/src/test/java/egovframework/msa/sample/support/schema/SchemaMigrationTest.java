package egovframework.msa.sample.support.schema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-off migration on a file H2 database (test resources db/migration: V1, V2). */
@ExtendWith(OutputCaptureExtension.class)
class SchemaMigrationTest {

    private static final SchemaMigration MIGRATION = SchemaMigration.of("note-service", "note", "NOTE_DB");
    private static final String[] ARGS = {SchemaMigration.COMMAND};

    @TempDir
    Path dir;

    @Test
    void migratesOnceThenReportsTheSameVersion(CapturedOutput output) throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("notes");

        assertThat(MIGRATION.run(Map.of("NOTE_DB_URL", url), ARGS)).isZero();
        assertThat(output.getOut()).contains("note-service: schema at version 2 (2 migrations applied) on " + url);
        assertThat(count(url, "SELECT COUNT(*) FROM note")).isEqualTo(1);
        assertThat(count(url, "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL AND \"success\"")).isEqualTo(2);

        assertThat(MIGRATION.run(Map.of("NOTE_DB_URL", url), ARGS)).isZero();
        assertThat(output.getOut()).contains("note-service: schema at version 2 (0 migrations applied) on " + url);
        assertThat(count(url, "SELECT COUNT(*) FROM note")).isEqualTo(1);
    }

    @Test
    void anUnreachableDatabaseIsOneLineAndExitOne(CapturedOutput output) {
        int status = MIGRATION.run(Map.of("NOTE_DB_URL", "jdbc:h2:tcp://127.0.0.1:1/notes"), ARGS);

        assertThat(status).isEqualTo(1);
        assertThat(output.getAll()).contains("note-service: schema migration failed on jdbc:h2:tcp://127.0.0.1:1/notes: ")
                .doesNotContain("\tat ").doesNotContain("APPLICATION FAILED TO START").doesNotContain("Spring Boot ::");
    }

    @Test
    void aSchemaFlywayRefusesIsOneLineAndExitOne(CapturedOutput output) throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("taken");
        // Tables but no schema history: not a database these migrations made.
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE note (id BIGINT)");
        }

        assertThat(MIGRATION.run(Map.of("NOTE_DB_URL", url), ARGS)).isEqualTo(1);
        assertThat(output.getAll()).contains("note-service: schema migration failed on " + url + ": ")
                .doesNotContain("\tat ");
    }

    @Test
    void anUnknownKindOfDatabaseIsOneLineAndExitOne(CapturedOutput output) {
        assertThat(MIGRATION.run(Map.of("NOTE_DB_URL", "jdbc:nosuchdb://host/notes"), ARGS)).isEqualTo(1);
        assertThat(output.getAll()).contains("note-service: schema migration failed on jdbc:nosuchdb://host/notes: ")
                .doesNotContain("\tat ");
    }

    @Test
    void aFailureNamesItsRootCauseWhenTheFirstLineDoesNot() {
        Exception failure = new IllegalStateException("Unable to obtain connection from database: The connection attempt failed.\n"
                + "SQL State  : 08001", new java.sql.SQLException("The connection attempt failed.",
                new java.net.UnknownHostException("nosuchhost.invalid")));

        assertThat(SchemaException.describe(failure)).isEqualTo("Unable to obtain connection from database: The connection"
                + " attempt failed. (UnknownHostException: nosuchhost.invalid)");
        assertThat(SchemaException.describe(new IllegalStateException("Validate failed: checksum\n-> Applied")))
                .isEqualTo("Validate failed: checksum");
    }

    @Test
    void withoutADatabaseUrlItSaysWhichVariable(CapturedOutput output) {
        assertThat(MIGRATION.run(Map.of(), ARGS)).isEqualTo(2);
        assertThat(output.getErr()).contains("note-service: NOTE_DB_URL is not set");
    }

    @Test
    void onlyTheMigrateArgumentAsksForIt() {
        assertThat(SchemaMigration.requested(new String[]{"migrate"})).isTrue();
        assertThat(SchemaMigration.requested(new String[]{"--server.port=0", "migrate"})).isFalse();
        assertThat(SchemaMigration.requested(new String[0])).isFalse();
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
