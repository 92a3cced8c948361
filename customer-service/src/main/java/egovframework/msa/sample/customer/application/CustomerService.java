package egovframework.msa.sample.customer.application;

import egovframework.msa.sample.customer.domain.Customer;
import egovframework.msa.sample.customer.domain.CustomerDetails;
import egovframework.msa.sample.customer.domain.CustomerId;
import egovframework.msa.sample.customer.domain.CustomerPage;
import egovframework.msa.sample.customer.domain.CustomerNotFoundException;
import egovframework.msa.sample.customer.domain.CustomerRepository;
import egovframework.msa.sample.customer.domain.EmailUniqueness;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/**
 * The customer use cases. Each one loads the aggregate, lets it decide, stores it and publishes the
 * domain events it recorded, in one transaction: listeners run inside it (the outbox writer, so an event
 * is stored if and only if its change is), and listeners that must only see committed changes use
 * {@code @TransactionalEventListener}. Each use case changes the customer once (see Customer on sequences).
 */
@Service
public class CustomerService {

    private final CustomerRepository customers;
    private final EmailUniqueness emails;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CustomerService(CustomerRepository customers, EmailUniqueness emails, ApplicationEventPublisher events, Clock clock) {
        this.customers = customers;
        this.emails = emails;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Customer get(CustomerId id) {
        return customers.findById(id).orElseThrow(() -> new CustomerNotFoundException(id));
    }

    @Transactional(readOnly = true)
    public CustomerPage list(int page, int size) {
        return customers.findPage(page, size);
    }

    @Transactional
    public Customer register(CustomerDetails details) {
        CustomerId id = customers.nextId();
        // Checked before anything is stored or published: a conflict writes nothing.
        emails.requireUnusedByOthers(details.email(), id);
        Customer customer = Customer.register(id, details, clock);
        Customer saved = customers.save(customer);
        publish(customer);
        return saved;
    }

    @Transactional
    public Customer change(CustomerId id, CustomerDetails details) {
        Customer customer = get(id);
        emails.requireUnusedByOthers(details.email(), id);
        customer.change(details, clock);
        Customer saved = customers.save(customer);
        publish(customer);
        return saved;
    }

    @Transactional
    public void delete(CustomerId id) {
        Customer customer = get(id);
        customer.delete(clock);
        customers.delete(customer);
        publish(customer);
    }

    private void publish(Customer customer) {
        customer.pullEvents().forEach(events::publishEvent);
    }
}
