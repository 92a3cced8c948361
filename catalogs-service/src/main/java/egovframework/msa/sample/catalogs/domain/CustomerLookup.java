package egovframework.msa.sample.catalogs.domain;

import java.util.Optional;

/** The outcome of asking the customer context about one customer: its details, or that it could not answer. */
public final class CustomerLookup {

    public static final String UNAVAILABLE = "customer service unavailable";

    private final CustomerInfo customer;

    private CustomerLookup(CustomerInfo customer) {
        this.customer = customer;
    }

    public static CustomerLookup found(CustomerInfo customer) {
        return new CustomerLookup(java.util.Objects.requireNonNull(customer));
    }

    public static CustomerLookup unavailable() {
        return new CustomerLookup(null);
    }

    public Optional<CustomerInfo> customer() {
        return Optional.ofNullable(customer);
    }

    /** This outcome with the customer's personal data masked. */
    public CustomerLookup masked() {
        return customer == null ? this : new CustomerLookup(customer.masked());
    }

    public boolean isFallback() {
        return customer == null;
    }

    public String describe() {
        return customer == null ? UNAVAILABLE : customer.describe();
    }
}
