package egovframework.msa.sample.customer.infrastructure.persistence;

import egovframework.msa.sample.support.schema.SchemaMigration;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The two database logins on a real PostgreSQL (127.0.0.1:5432, superuser postgres, trust auth; or
 * CUSTOMER_TEST_PG_HOST, _PORT): docker/postgres-init/10-service-databases.sh itself creates the databases and
 * logins (under names of this run's own: the server is shared), customer-service's one-off migration runs with the
 * migration login, and the service login can then read and write rows but not create, alter, drop or truncate
 * anything, nor change or delete an access record; the migration login can (the prune).
 */
class DatabaseLoginsTest {

    private static final String HOST = System.getenv().getOrDefault("CUSTOMER_TEST_PG_HOST", "127.0.0.1");
    private static final String PORT = System.getenv().getOrDefault("CUSTOMER_TEST_PG_PORT", "5432");
    private static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    /** This run's names for the script's databases customer and catalogs (and their logins). */
    private static final String CUSTOMER = "logins" + SUFFIX + "customer";
    private static final String CATALOGS = "logins" + SUFFIX + "catalogs";
    private static final Path SCRIPT = Path.of("../docker/postgres-init/10-service-databases.sh");
    private static boolean created;

    @BeforeAll
    static void runTheInitScript() throws Exception {
        boolean reachable = reachable();
        if (!reachable && "required".equals(System.getenv("SUITE_POSTGRES_TESTS"))) {
            throw new IllegalStateException("no PostgreSQL at " + HOST + ":" + PORT + " and SUITE_POSTGRES_TESTS=required");
        }
        Assumptions.assumeTrue(reachable, "no PostgreSQL at " + HOST + ":" + PORT + " with psql: DatabaseLoginsTest skipped");
        String script = Files.readString(SCRIPT);
        assertThat(script).contains("\nservice_database customer ").contains("\nservice_database catalogs ");
        Path copy = Files.createTempFile("postgres-init", ".sh");
        Files.writeString(copy, script.replace("\nservice_database customer ", "\nservice_database " + CUSTOMER + " ")
                .replace("\nservice_database catalogs ", "\nservice_database " + CATALOGS + " "));
        ProcessBuilder bash = new ProcessBuilder("bash", copy.toString()).redirectErrorStream(true);
        bash.environment().putAll(Map.of("PGHOST", HOST, "PGPORT", PORT, "POSTGRES_USER", "postgres",
                "CUSTOMER_DB_PASSWORD", "s" + SUFFIX, "CUSTOMER_MIGRATION_DB_PASSWORD", "m" + SUFFIX,
                "CATALOGS_DB_PASSWORD", "c" + SUFFIX, "CATALOGS_MIGRATION_DB_PASSWORD", "n" + SUFFIX));
        Process process = bash.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        created = true;
        assertThat(process.exitValue()).as(output).isZero();
        Files.delete(copy);

        int status = SchemaMigration.of("customer-service", "customer", "CUSTOMER_DB").run(Map.of(
                "CUSTOMER_DB_URL", url(CUSTOMER), "CUSTOMER_DB_USERNAME", CUSTOMER + "_migration",
                "CUSTOMER_DB_PASSWORD", "m" + SUFFIX), new String[] {SchemaMigration.COMMAND, "--spring.config.name=no-test-properties"});
        assertThat(status).as("the migration with the migration login").isZero();
    }

    @AfterAll
    static void dropThem() throws SQLException {
        if (!created) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(url("postgres"), "postgres", "");
             Statement statement = connection.createStatement()) {
            for (String database : List.of(CUSTOMER, CATALOGS)) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                statement.execute("DROP ROLE IF EXISTS " + database);
                statement.execute("DROP ROLE IF EXISTS " + database + "_migration");
            }
        }
    }

    @Test
    void theServiceLoginReadsAndWritesRows() throws SQLException {
        try (Connection service = service(); Statement statement = service.createStatement()) {
            statement.execute("INSERT INTO customer (id, name, email, phone, zip_code, street, version)"
                    + " VALUES (nextval('customer_seq'), 'Test', 'logins-" + SUFFIX + "@example.go.kr', '010-0000-0000', '30103', 'Street 1', 0)");
            assertThat(statement.executeUpdate("UPDATE customer SET name = 'Test 2' WHERE email = 'logins-" + SUFFIX + "@example.go.kr'")).isOne();
            assertThat(statement.executeUpdate("DELETE FROM customer WHERE email = 'logins-" + SUFFIX + "@example.go.kr'")).isOne();
            statement.execute("INSERT INTO access_record (id, accessed_at, account, client_address, action, result, previous_hash, hash)"
                    + " VALUES (1, now(), 'tester', '127.0.0.1', 'read', 'ok', 'a', 'b')");
            statement.execute("INSERT INTO access_record_customer (record_id, ordinal, customer_id) VALUES (1, 0, '1234')");
            assertThat(statement.executeUpdate("UPDATE access_record_head SET last_id = last_id WHERE id = 1")).isOne();
            statement.executeQuery("SELECT * FROM access_record_anchor").close();
        }
        // The service's own schema check (msa-support StartupSchemaStrategy): it reads Flyway's history.
        Flyway.configure().dataSource(url(CUSTOMER), CUSTOMER, "s" + SUFFIX).load().validate();
    }

    @Test
    void theServiceLoginCannotCreateAlterDropOrTruncate() {
        for (String ddl : List.of("CREATE TABLE intruder (id INT)", "CREATE SCHEMA intruder", "ALTER TABLE customer ADD COLUMN x INT",
                "DROP TABLE outbox", "TRUNCATE customer", "CREATE INDEX intruder ON customer (name)", "CREATE TEMPORARY TABLE intruder (id INT)")) {
            assertDenied(ddl);
        }
    }

    @Test
    void theServiceLoginCannotChangeOrDeleteAnAccessRecordNorFlywaysHistory() {
        for (String statement : List.of("UPDATE access_record SET account = 'someone else'", "DELETE FROM access_record",
                "UPDATE access_record_customer SET customer_id = '1'", "DELETE FROM access_record_customer",
                "DELETE FROM access_record_head", "INSERT INTO access_record_head (id, last_id, last_hash) VALUES (2, 0, 'x')",
                "UPDATE access_record_anchor SET anchor_id = 5", "DELETE FROM access_record_anchor",
                "UPDATE flyway_schema_history SET checksum = 0", "DELETE FROM flyway_schema_history")) {
            assertDenied(statement);
        }
    }

    @Test
    void theMigrationLoginMayPrune() throws SQLException {
        try (Connection migration = DriverManager.getConnection(url(CUSTOMER), CUSTOMER + "_migration", "m" + SUFFIX);
             Statement statement = migration.createStatement()) {
            statement.executeUpdate("DELETE FROM access_record_customer WHERE record_id < 0");
            statement.executeUpdate("DELETE FROM access_record WHERE id < 0");
            statement.executeUpdate("UPDATE access_record_anchor SET anchor_id = anchor_id");
        }
    }

    private static void assertDenied(String sql) {
        assertThatThrownBy(() -> {
            try (Connection service = service(); Statement statement = service.createStatement()) {
                statement.execute(sql);
            }
        }).as(sql).isInstanceOf(SQLException.class).satisfies(e -> assertThat(((SQLException) e).getSQLState())
                .as(sql + ": " + e.getMessage()).isEqualTo("42501"));
    }

    private static Connection service() throws SQLException {
        return DriverManager.getConnection(url(CUSTOMER), CUSTOMER, "s" + SUFFIX);
    }

    private static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    private static boolean reachable() throws IOException, InterruptedException {
        DriverManager.setLoginTimeout(2);
        try (Connection ignored = DriverManager.getConnection(url("postgres"), "postgres", "")) {
            Process psql = new ProcessBuilder("psql", "--version").redirectErrorStream(true).start();
            psql.getInputStream().readAllBytes();
            return psql.waitFor() == 0;
        } catch (SQLException | IOException e) {
            return false;
        }
    }
}
