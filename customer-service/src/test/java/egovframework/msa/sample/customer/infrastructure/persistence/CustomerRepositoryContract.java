package egovframework.msa.sample.customer.infrastructure.persistence;

import egovframework.msa.sample.customer.domain.Customer;
import egovframework.msa.sample.customer.domain.CustomerId;
import egovframework.msa.sample.customer.domain.CustomerPage;
import egovframework.msa.sample.customer.domain.Email;
import egovframework.msa.sample.customer.domain.EmailAlreadyUsedException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.TestEntityManager;
import org.springframework.transaction.annotation.Transactional;

import static egovframework.msa.sample.customer.domain.CustomerFixtures.CLOCK;
import static egovframework.msa.sample.customer.domain.CustomerFixtures.details;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the repository must do on every database the service supports: the Flyway migrations, checked
 * by Hibernate's schema validation, used through the domain repository.
 */
@Transactional // each test rolls back; must sit here, where the inherited test methods are declared
abstract class CustomerRepositoryContract {

    @Autowired
    JpaCustomerRepository repository;
    @Autowired
    TestEntityManager entityManager;

    @Test
    void seedDataHoldsTheGuideCustomerWithAKoreanName() {
        Customer customer = repository.findById(CustomerId.of(1234)).orElseThrow();

        assertThat(customer.details().name().value()).isEqualTo("홍길동");
        assertThat(repository.findPage(0, 10).totalElements()).isEqualTo(3);
    }

    @Test
    void newCustomersGetIdsFromTheSequenceAndRoundTrip() {
        CustomerId id = repository.nextId();
        assertThat(id.value()).isGreaterThanOrEqualTo(10_000);
        assertThat(repository.nextId().value()).isEqualTo(id.value() + 1);

        repository.save(Customer.register(id, details("성춘향"), CLOCK));
        entityManager.flush();
        entityManager.clear();

        assertThat(repository.findById(id)).get().satisfies(c -> assertThat(c.details()).isEqualTo(details("성춘향")));
    }

    @Test
    void pagesAreInIdOrder() {
        CustomerPage first = repository.findPage(0, 2);
        assertThat(first.customers()).extracting(c -> c.id().value()).containsExactly(1234L, 1235L);
        assertThat(first.totalElements()).isEqualTo(3);
        assertThat(first.totalPages()).isEqualTo(2);
        assertThat(repository.findPage(1, 2).customers()).extracting(c -> c.id().value()).containsExactly(1236L);
    }

    @Test
    void findsWhetherAnotherCustomerUsesAnEmail() {
        Email guide = new Email("gildong.hong@example.go.kr");

        assertThat(repository.existsByEmail(guide, CustomerId.of(1235))).isTrue();
        assertThat(repository.existsByEmail(guide, CustomerId.of(1234))).as("its own address").isFalse();
        assertThat(repository.existsByEmail(new Email("nobody@example.go.kr"), CustomerId.of(1234))).isFalse();
    }

    /** The race EmailUniqueness cannot see: the database's constraint refuses it as the domain's exception. */
    @Test
    void theDatabaseRefusesASecondCustomerWithTheSameEmail() {
        Customer copy = Customer.register(repository.nextId(), details("홍길동", "gildong.hong@example.go.kr"), CLOCK);

        assertThatThrownBy(() -> repository.save(copy)).isInstanceOf(EmailAlreadyUsedException.class);
    }
}
