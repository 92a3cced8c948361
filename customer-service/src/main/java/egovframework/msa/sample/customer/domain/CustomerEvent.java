package egovframework.msa.sample.customer.domain;

import java.time.Instant;

/** Something that happened to a customer, raised by the aggregate and published after it is saved. */
public abstract class CustomerEvent {

    private final CustomerId customerId;
    private final Instant occurredAt;

    protected CustomerEvent(CustomerId customerId, Instant occurredAt) {
        this.customerId = customerId;
        this.occurredAt = occurredAt;
    }

    public CustomerId customerId() {
        return customerId;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[customer " + customerId + " at " + occurredAt + "]";
    }

    /** A new customer was registered. */
    public static final class Registered extends CustomerEvent {
        public Registered(CustomerId customerId, Instant occurredAt) {
            super(customerId, occurredAt);
        }
    }

    /** A customer's details changed. */
    public static final class Changed extends CustomerEvent {
        public Changed(CustomerId customerId, Instant occurredAt) {
            super(customerId, occurredAt);
        }
    }

    /** A customer was removed. */
    public static final class Deleted extends CustomerEvent {
        public Deleted(CustomerId customerId, Instant occurredAt) {
            super(customerId, occurredAt);
        }
    }
}
