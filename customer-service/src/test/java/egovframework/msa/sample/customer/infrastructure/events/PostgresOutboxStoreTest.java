package egovframework.msa.sample.customer.infrastructure.events;

import egovframework.msa.sample.customer.TestPostgres;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The outbox on PostgreSQL (the prod overlay's database), like PostgresCustomerRepositoryTest: 127.0.0.1:5432
 * or CUSTOMER_TEST_PG_URL, a schema of its own dropped afterwards, skipped, saying so, without a server.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(OutboxStore.class)
class PostgresOutboxStoreTest extends OutboxStoreContract {

    @RegisterExtension
    static final TestPostgres POSTGRES = TestPostgres.schema("outbox_test_");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        POSTGRES.register(registry);
    }
}
