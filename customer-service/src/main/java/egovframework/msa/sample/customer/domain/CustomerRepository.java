package egovframework.msa.sample.customer.domain;

import java.util.Optional;

/** The collection of all customers, as the domain sees it. Persistence lives in infrastructure. */
public interface CustomerRepository {

    /** A fresh identity for a customer about to be registered. */
    CustomerId nextId();

    Optional<Customer> findById(CustomerId id);

    /** One page of customers in id order, with the total number of customers. */
    CustomerPage findPage(int page, int size);

    /** Whether a customer other than {@code excluding} uses the e-mail address (see EmailUniqueness). */
    boolean existsByEmail(Email email, CustomerId excluding);

    Customer save(Customer customer);

    void delete(Customer customer);
}
