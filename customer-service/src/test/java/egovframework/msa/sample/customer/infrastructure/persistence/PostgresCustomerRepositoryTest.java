package egovframework.msa.sample.customer.infrastructure.persistence;

import egovframework.msa.sample.customer.TestPostgres;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The repository on PostgreSQL, the database the prod overlay uses, over a real connection to the
 * server on 127.0.0.1:5432 (CUSTOMER_TEST_PG_URL to use another). Each run migrates a schema of its
 * own and drops it afterwards. Skipped, saying so, where no PostgreSQL answers.
 */
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(JpaCustomerRepository.class)
class PostgresCustomerRepositoryTest extends CustomerRepositoryContract {

    @RegisterExtension
    static final TestPostgres POSTGRES = TestPostgres.schema("customer_test_");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        POSTGRES.register(registry);
    }
}
