package egovframework.msa.sample.customer.infrastructure.persistence;

import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;

/** The repository on the default database: in-memory H2. */
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
@Import(JpaCustomerRepository.class)
class JpaCustomerRepositoryTest extends CustomerRepositoryContract {
}
