package egovframework.msa.sample.customer.infrastructure.events;

import egovframework.msa.sample.customer.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.SQLException;

/**
 * The outbox on PostgreSQL (the prod overlay's database), like PostgresCustomerRepositoryTest: 127.0.0.1:5432
 * or CUSTOMER_TEST_PG_URL, a schema of its own dropped afterwards, skipped, saying so, without a server.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(OutboxStore.class)
class PostgresOutboxStoreTest extends OutboxStoreContract {

    private static final TestPostgres POSTGRES = TestPostgres.schema("outbox_test_");

    @BeforeAll
    static void requirePostgres() {
        POSTGRES.assumeReachable("PostgreSQL outbox test");
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        POSTGRES.register(registry);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        POSTGRES.drop();
    }
}
