package egovframework.msa.sample.customer.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened to a customer, raised by the aggregate and published after it is saved.
 *
 * <p>Each event carries the customer's {@link #sequence()}: the version the change gives the stored
 * customer (0 when registered, one more with every change, and one more than the last for the deletion),
 * so events of one customer are strictly increasing and a subscriber can ignore anything not newer than
 * what it has seen. It also carries the customer's details after the change (none after a deletion).
 */
public abstract class CustomerEvent {

    private final CustomerId customerId;
    private final Instant occurredAt;
    private final long sequence;
    private final CustomerDetails details;

    CustomerEvent(CustomerId customerId, Instant occurredAt, long sequence, CustomerDetails details) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.occurredAt = Objects.requireNonNull(occurredAt, "occurredAt");
        this.sequence = sequence;
        this.details = details;
    }

    public CustomerId customerId() {
        return customerId;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    /** Strictly increasing per customer: the stored version this change leads to. */
    public long sequence() {
        return sequence;
    }

    /** The customer's details after the change; empty after a deletion. */
    public Optional<CustomerDetails> details() {
        return Optional.ofNullable(details);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[customer " + customerId + " #" + sequence + " at " + occurredAt + "]";
    }

    /** A new customer was registered. */
    public static final class Registered extends CustomerEvent {
        public Registered(CustomerId customerId, Instant occurredAt, long sequence, CustomerDetails details) {
            super(customerId, occurredAt, sequence, Objects.requireNonNull(details, "details"));
        }
    }

    /** A customer's details changed. */
    public static final class Changed extends CustomerEvent {
        public Changed(CustomerId customerId, Instant occurredAt, long sequence, CustomerDetails details) {
            super(customerId, occurredAt, sequence, Objects.requireNonNull(details, "details"));
        }
    }

    /** A customer was removed. */
    public static final class Deleted extends CustomerEvent {
        public Deleted(CustomerId customerId, Instant occurredAt, long sequence) {
            super(customerId, occurredAt, sequence, null);
        }
    }
}
