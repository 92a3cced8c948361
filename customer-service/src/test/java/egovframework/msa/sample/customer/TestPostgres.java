package egovframework.msa.sample.customer;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL server the customer-service tests use where one answers: 127.0.0.1:5432 (trust auth) or
 * CUSTOMER_TEST_PG_URL, _USER, _PASSWORD. Each test class migrates a schema of its own and drops it afterwards.
 * A JUnit extension (a static {@code @RegisterExtension} field): it skips the class, saying so, where no
 * PostgreSQL answers, and drops the schema after it; the class hands {@link #register} to Spring.
 */
public final class TestPostgres implements BeforeAllCallback, AfterAllCallback {

    private static final String SERVER = System.getenv().getOrDefault("CUSTOMER_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("CUSTOMER_TEST_PG_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("CUSTOMER_TEST_PG_PASSWORD", "");

    private final String schema;

    private TestPostgres(String schema) {
        this.schema = schema;
    }

    /** A schema named {@code prefix} plus a random suffix. */
    public static TestPostgres schema(String prefix) {
        return new TestPostgres(prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    /** Skips the test class, saying so, where no PostgreSQL answers; fails it instead under SUITE_POSTGRES_TESTS=required (CI). */
    @Override
    public void beforeAll(ExtensionContext context) {
        String what = context.getDisplayName();
        boolean reachable = reachable();
        if (!reachable && "required".equals(System.getenv("SUITE_POSTGRES_TESTS"))) {
            throw new IllegalStateException("no PostgreSQL at " + SERVER + " and SUITE_POSTGRES_TESTS=required: " + what);
        }
        Assumptions.assumeTrue(reachable, "no PostgreSQL at " + SERVER + ": " + what + " skipped");
    }

    /** A JDBC URL whose connections work in this class's schema. */
    public String url() {
        return SERVER + "?currentSchema=" + schema;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** This class's schema, migrated as the service's one-off migration does it. */
    public void migrate() {
        Flyway.configure().dataSource(SERVER, USER, PASSWORD).schemas(schema).load().migrate();
    }

    /** The datasource and Flyway on this schema. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", this::url);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
        registry.add("spring.flyway.schemas", () -> schema);
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (reachable()) {
            try (Connection connection = DriverManager.getConnection(SERVER, USER, PASSWORD);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    /** Whether a connection opens: the same driver and login the tests then use, nothing parsed by hand. */
    private static boolean reachable() {
        DriverManager.setLoginTimeout(2);
        try (Connection ignored = DriverManager.getConnection(SERVER, USER, PASSWORD)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
