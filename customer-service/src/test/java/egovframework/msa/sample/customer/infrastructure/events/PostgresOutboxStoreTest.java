package egovframework.msa.sample.customer.infrastructure.events;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The outbox on PostgreSQL (the prod overlay's database), like PostgresCustomerRepositoryTest: 127.0.0.1:5432
 * or CUSTOMER_TEST_PG_URL, a schema of its own dropped afterwards, skipped, saying so, without a server.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(OutboxStore.class)
class PostgresOutboxStoreTest extends OutboxStoreContract {

    private static final String SERVER = System.getenv().getOrDefault("CUSTOMER_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("CUSTOMER_TEST_PG_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("CUSTOMER_TEST_PG_PASSWORD", "");
    private static final String SCHEMA = "outbox_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeAll
    static void requirePostgres() {
        Assumptions.assumeTrue(reachable(), "no PostgreSQL at " + SERVER + ": PostgreSQL outbox test skipped");
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> SERVER + "?currentSchema=" + SCHEMA);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
        registry.add("spring.flyway.schemas", () -> SCHEMA);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (reachable()) {
            try (Connection connection = DriverManager.getConnection(SERVER, USER, PASSWORD);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
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
