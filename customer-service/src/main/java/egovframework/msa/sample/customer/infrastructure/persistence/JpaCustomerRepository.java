package egovframework.msa.sample.customer.infrastructure.persistence;

import egovframework.msa.sample.customer.domain.Customer;
import egovframework.msa.sample.customer.domain.CustomerId;
import egovframework.msa.sample.customer.domain.CustomerRepository;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

/** Adapts Spring Data JPA to the domain's repository interface. */
@Repository
class JpaCustomerRepository implements CustomerRepository {

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
    public List<Customer> findPage(int page, int size) {
        return jpa.findAll(PageRequest.of(page, size, Sort.by("id"))).getContent();
    }

    @Override
    public long count() {
        return jpa.count();
    }

    @Override
    public Customer save(Customer customer) {
        return jpa.save(customer);
    }

    @Override
    public void delete(Customer customer) {
        jpa.delete(customer);
    }
}
