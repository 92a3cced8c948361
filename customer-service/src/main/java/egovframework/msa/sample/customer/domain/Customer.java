package egovframework.msa.sample.customer.domain;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Transient;
import javax.persistence.Version;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The customer aggregate root. All changes go through its methods, which keep it valid and record the
 * domain events that the application service publishes once the change is stored.
 *
 * <p>JPA maps the plain columns; the value objects are rebuilt on the way out, so a row that somehow
 * breaks a rule fails loudly instead of leaking an invalid customer.
 *
 * <p>An event's sequence is the version JPA gives the row for that change: 0 on registration, the loaded
 * version + 1 for a change or the deletion. That holds because each use case changes a loaded customer
 * once and stores it in its own transaction (CustomerService); a concurrent change of the same version
 * fails on the version check and rolls back together with its event.
 */
@Entity
@Table(name = "customer")
public class Customer {

    /** What JPA stores as the version of a new row (Hibernate starts numeric versions at 0). */
    private static final long FIRST_VERSION = 0;

    @Id
    private Long id;
    @Column(nullable = false)
    private String name;
    @Column(nullable = false)
    private String email;
    @Column(nullable = false)
    private String phone;
    @Column(name = "zip_code", nullable = false)
    private String zipCode;
    @Column(nullable = false)
    private String street;
    @Version
    private Long version;

    @Transient
    private final List<CustomerEvent> pendingEvents = new ArrayList<>();

    protected Customer() {
        // for JPA
    }

    private Customer(CustomerId id, CustomerDetails details) {
        this.id = id.value();
        apply(details);
    }

    public static Customer register(CustomerId id, CustomerDetails details, Clock clock) {
        Customer customer = new Customer(Objects.requireNonNull(id, "id"), Objects.requireNonNull(details, "details"));
        customer.pendingEvents.add(new CustomerEvent.Registered(id, clock.instant(), FIRST_VERSION, details));
        return customer;
    }

    /** Replaces the customer's details; records a change event only if something really changed. */
    public void change(CustomerDetails details, Clock clock) {
        if (!details().equals(Objects.requireNonNull(details, "details"))) {
            apply(details);
            pendingEvents.add(new CustomerEvent.Changed(id(), clock.instant(), nextVersion(), details));
        }
    }

    /** Marks the customer for removal; the repository deletes it. */
    public void delete(Clock clock) {
        pendingEvents.add(new CustomerEvent.Deleted(id(), clock.instant(), nextVersion()));
    }

    public CustomerId id() {
        return CustomerId.of(id);
    }

    public CustomerDetails details() {
        return new CustomerDetails(new CustomerName(name), new Email(email), new PhoneNumber(phone),
                new Address(zipCode, street));
    }

    /** Hands over the events recorded since the last call. */
    public List<CustomerEvent> pullEvents() {
        List<CustomerEvent> events = List.copyOf(pendingEvents);
        pendingEvents.clear();
        return events;
    }

    /** The version the next stored change gives this customer (a customer not yet stored counts as version 0). */
    private long nextVersion() {
        return (version == null ? FIRST_VERSION : version) + 1;
    }

    private void apply(CustomerDetails details) {
        this.name = details.name().value();
        this.email = details.email().value();
        this.phone = details.phone().value();
        this.zipCode = details.address().zipCode();
        this.street = details.address().street();
    }
}
