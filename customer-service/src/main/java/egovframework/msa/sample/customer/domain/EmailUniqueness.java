package egovframework.msa.sample.customer.domain;

import java.util.Objects;

/**
 * Domain service for the one customer rule that no single customer can check: an e-mail address belongs to
 * at most one customer. It asks the repository about all the others; the database's unique constraint
 * (V5__customer_email_unique.sql) still decides between two writes that pass this check at the same moment.
 */
public final class EmailUniqueness {

    private final CustomerRepository customers;

    public EmailUniqueness(CustomerRepository customers) {
        this.customers = Objects.requireNonNull(customers, "customers");
    }

    /**
     * Passes if no customer other than {@code owner} uses {@code email}; {@code owner} is the customer about to
     * be registered or changed, so keeping one's own address is no conflict.
     *
     * @throws EmailAlreadyUsedException if another customer uses it
     */
    public void requireUnusedByOthers(Email email, CustomerId owner) {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(owner, "owner");
        if (customers.existsByEmail(email, owner)) {
            throw new EmailAlreadyUsedException();
        }
    }
}
