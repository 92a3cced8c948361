package egovframework.msa.sample.customer;

import org.junit.jupiter.api.Assumptions;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL server the customer-service tests use where one answers: 127.0.0.1:5432 (trust auth) or
 * CUSTOMER_TEST_PG_URL, _USER, _PASSWORD. Each test class migrates a schema of its own and drops it afterwards.
 */
public final class TestPostgres {

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

    /** Skips the test class, saying so, where no PostgreSQL answers. */
    public void assumeReachable(String what) {
        Assumptions.assumeTrue(reachable(), "no PostgreSQL at " + SERVER + ": " + what + " skipped");
    }

    /** The datasource and Flyway on this schema. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> SERVER + "?currentSchema=" + schema);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
        registry.add("spring.flyway.schemas", () -> schema);
    }

    public void drop() throws SQLException {
        if (reachable()) {
            try (Connection connection = DriverManager.getConnection(SERVER, USER, PASSWORD);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
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
}
