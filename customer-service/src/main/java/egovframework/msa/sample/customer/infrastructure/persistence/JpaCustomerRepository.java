package egovframework.msa.sample.customer.infrastructure.persistence;

import egovframework.msa.sample.customer.domain.Customer;
import egovframework.msa.sample.customer.domain.CustomerId;
import egovframework.msa.sample.customer.domain.CustomerPage;
import egovframework.msa.sample.customer.domain.CustomerRepository;
import egovframework.msa.sample.customer.domain.Email;
import egovframework.msa.sample.customer.domain.EmailAlreadyUsedException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Adapts Spring Data JPA to the domain's repository interface. */
@Repository
class JpaCustomerRepository implements CustomerRepository {

    /** V5__customer_email_unique.sql; H2 names its index after it, PostgreSQL names the constraint itself. */
    static final String EMAIL_CONSTRAINT = "customer_email_unique";

    private final SpringDataCustomerRepository jpa;

    JpaCustomerRepository(SpringDataCustomerRepository jpa) {
        this.jpa = jpa;
    }

    @Override
    public CustomerId nextId() {
        return CustomerId.of(jpa.nextId());
    }

    @Override
    public Optional<Customer> findById(CustomerId id) {
        return jpa.findById(id.value());
    }

    @Override
    public CustomerPage findPage(int page, int size) {
        Page<Customer> found = jpa.findAll(PageRequest.of(page, size, Sort.by("id")));
        return new CustomerPage(found.getContent(), page, size, found.getTotalElements());
    }

    @Override
    public boolean existsByEmail(Email email, CustomerId excluding) {
        return jpa.existsByEmailAndIdNot(email.value(), excluding.value());
    }

    /**
     * Flushes at once, so that the unique e-mail constraint fails here, as the domain's exception, when a
     * concurrent write took the address between EmailUniqueness' check and this insert, and not at commit as
     * an anonymous integrity error.
     */
    @Override
    public Customer save(Customer customer) {
        try {
            return jpa.saveAndFlush(customer);
        } catch (DataIntegrityViolationException e) {
            if (violates(e, EMAIL_CONSTRAINT)) {
                throw new EmailAlreadyUsedException();
            }
            throw e;
        }
    }

    @Override
    public void delete(Customer customer) {
        jpa.delete(customer);
    }

    private static boolean violates(Throwable failure, String constraint) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(constraint)) {
                return true;
            }
        }
        return false;
    }
}
