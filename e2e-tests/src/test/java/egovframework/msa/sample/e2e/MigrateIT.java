package egovframework.msa.sample.e2e;

import egovframework.msa.sample.launcher.SchemaMigrations;
import egovframework.msa.sample.launcher.SuiteLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./suite migrate} (12-factor XII: schema migration as a one-off admin process), through the launcher
 * code the script runs, with the packaged jars, against a real PostgreSQL: 127.0.0.1:5432 (trust auth, user
 * postgres, database test) or MIGRATE_IT_PG_URL, _USER, _PASSWORD. Each service's schema is a throw-away one
 * (currentSchema), dropped afterwards. Starts no service of the suite.
 */
class MigrateIT {

    private static final String SERVER = System.getenv().getOrDefault("MIGRATE_IT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("MIGRATE_IT_PG_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("MIGRATE_IT_PG_PASSWORD", "");
    private static final Path ROOT = Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
    private static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    /** Service -> its throw-away schema. */
    private static final Map<String, String> SCHEMAS = Map.of("customer-service", "migrate_it_customer_" + SUFFIX,
            "catalogs-service", "migrate_it_catalogs_" + SUFFIX);
    /** A table each service's migrations create. */
    private static final Map<String, String> TABLES = Map.of("customer-service", "customer", "catalogs-service", "customer_snapshot");

    @BeforeAll
    static void createSchemas() throws SQLException {
        Assumptions.assumeTrue(reachable(), "no PostgreSQL at " + SERVER + ": MigrateIT skipped");
        for (String schema : SCHEMAS.values()) {
            execute("CREATE SCHEMA " + schema);
        }
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        if (reachable()) {
            for (String schema : SCHEMAS.values()) {
                execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    void migratesBothSchemasOnceAndASecondRunIsANoOp() throws Exception {
        Map<String, String> environment = new HashMap<>();
        SchemaMigrations.DATABASES.forEach((service, prefix) -> {
            environment.put(prefix + "_URL", url(service));
            environment.put(prefix + "_USERNAME", USER);
            environment.put(prefix + "_PASSWORD", PASSWORD);
        });

        Run first = migrate(environment);

        assertThat(first.status).as(first.output).isZero();
        for (String service : SCHEMAS.keySet()) {
            int migrations = migrationFiles(service).size();
            assertThat(first.lines()).as(service).contains(service + ": schema at version " + latestVersion(service)
                    + " (" + migrations + " migrations applied) on " + url(service));
            assertThat(query(service, "SELECT COUNT(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL"))
                    .as(service + ": Flyway's history in its schema").isEqualTo(migrations);
            assertThat(query(service, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '"
                    + SCHEMAS.get(service) + "' AND table_name = '" + TABLES.get(service) + "'")).as(service + " tables").isEqualTo(1);
        }
        assertThat(first.output).doesNotContain("\tat ").doesNotContain("Exception");

        Run second = migrate(environment);

        assertThat(second.status).as(second.output).isZero();
        for (String service : SCHEMAS.keySet()) {
            assertThat(second.lines()).as(service).contains(service + ": schema at version " + latestVersion(service)
                    + " (0 migrations applied) on " + url(service));
            assertThat(query(service, "SELECT COUNT(*) FROM flyway_schema_history WHERE version IS NOT NULL"))
                    .as(service + ": nothing applied twice").isEqualTo(migrationFiles(service).size());
        }
    }

    @Test
    void anUnreachableDatabaseIsOneLineAndANonZeroExit() {
        Map<String, String> environment = Map.of("CUSTOMER_DB_URL", "jdbc:postgresql://127.0.0.1:1/test",
                "CUSTOMER_DB_USERNAME", USER, "CUSTOMER_DB_PASSWORD", PASSWORD);

        Run run = migrate(environment);

        assertThat(run.status).isNotZero();
        List<String> customer = run.lines().stream().filter(line -> line.startsWith("customer-service")).collect(Collectors.toList());
        assertThat(customer).as(run.output).hasSize(1);
        assertThat(customer.get(0)).startsWith("customer-service: schema migration failed on jdbc:postgresql://127.0.0.1:1/test: ");
        assertThat(run.output).doesNotContain("\tat ").doesNotContain("APPLICATION FAILED TO START");
        assertThat(run.lines()).as("catalogs: no database named, skipped")
                .anySatisfy(line -> assertThat(line).startsWith("catalogs-service: CATALOGS_DB_URL not set"));
        assertThat(run.lines()).as(run.output).hasSize(2);
    }

    @Test
    void withNoDatabaseNamedItSaysSoForEachService() {
        Run run = migrate(Map.of());

        assertThat(run.status).isZero();
        assertThat(run.lines()).containsExactly(
                "customer-service: CUSTOMER_DB_URL not set: a local run keeps its data in an H2 database new at every start,"
                        + " which customer-service migrates itself; nothing to migrate",
                "catalogs-service: CATALOGS_DB_URL not set: a local run keeps its data in an H2 database new at every start,"
                        + " which catalogs-service migrates itself; nothing to migrate");
    }

    private static Run migrate(Map<String, String> environment) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // The developer's own database variables must not leak into the run.
        Map<String, String> env = new HashMap<>(environment);
        SchemaMigrations.DATABASES.values().forEach(prefix -> Stream.of("_URL", "_USERNAME", "_PASSWORD")
                .forEach(suffix -> env.putIfAbsent(prefix + suffix, "")));
        int status;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            status = new SchemaMigrations(new SuiteLayout(ROOT, ROOT.resolve("e2e-tests/target/migrate-it")), out).run(env);
        }
        String output = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        return new Run(status, output);
    }

    private static String url(String service) {
        return SERVER + "?currentSchema=" + SCHEMAS.get(service);
    }

    private static List<Path> migrationFiles(String service) throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve(service).resolve("src/main/resources/db/migration"))) {
            return files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).collect(Collectors.toList());
        }
    }

    private static int latestVersion(String service) throws IOException {
        Pattern version = Pattern.compile("V(\\d+)__");
        return migrationFiles(service).stream().map(f -> version.matcher(f.getFileName().toString()))
                .filter(Matcher::lookingAt).mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
    }

    private static long query(String service, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(service), USER, PASSWORD);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static boolean reachable() {
        String hostPort = SERVER.replaceFirst("^jdbc:postgresql://", "").replaceFirst("/.*$", "");
        String host = hostPort.contains(":") ? hostPort.substring(0, hostPort.indexOf(':')) : hostPort;
        int port = hostPort.contains(":") ? Integer.parseInt(hostPort.substring(hostPort.indexOf(':') + 1)) : 5432;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static final class Run {
        final int status;
        final String output;

        Run(int status, String output) {
            this.status = status;
            this.output = output;
        }

        List<String> lines() {
            return output.lines().collect(Collectors.toList());
        }
    }
}
