package egovframework.msa.sample.catalogs.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of asking the customer context about one customer: its details as customer-service answered
 * them; or, when it could not answer, the details catalogs last knew (its read model) and since when; or
 * that nothing can be shown.
 */
public final class CustomerLookup {

    public static final String UNAVAILABLE = "customer service unavailable";

    private final CustomerInfo customer;
    /** Set only for a last-known answer: when catalogs learnt this state of the customer. */
    private final Instant asOf;

    private CustomerLookup(CustomerInfo customer, Instant asOf) {
        this.customer = customer;
        this.asOf = asOf;
    }

    /** customer-service answered. */
    public static CustomerLookup found(CustomerInfo customer) {
        return new CustomerLookup(Objects.requireNonNull(customer), null);
    }

    /** customer-service did not answer; this is the customer as catalogs last knew it, at {@code asOf}. */
    public static CustomerLookup lastKnown(CustomerInfo customer, Instant asOf) {
        return new CustomerLookup(Objects.requireNonNull(customer), Objects.requireNonNull(asOf, "asOf"));
    }

    /** customer-service did not answer, and catalogs never knew this customer. */
    public static CustomerLookup unavailable() {
        return new CustomerLookup(null, null);
    }

    public Optional<CustomerInfo> customer() {
        return Optional.ofNullable(customer);
    }

    /** When the last-known details were learnt; empty for a live answer and for no answer. */
    public Optional<Instant> asOf() {
        return Optional.ofNullable(asOf);
    }

    /** How old the last-known details are at {@code now} (never negative, whatever the clocks say). */
    public Optional<Duration> ageAt(Instant now) {
        return asOf().map(at -> now.isAfter(at) ? Duration.between(at, now) : Duration.ZERO);
    }

    /** This outcome with the customer's personal data masked: a last-known answer is masked exactly like a live one. */
    public CustomerLookup masked() {
        return customer == null ? this : new CustomerLookup(customer.masked(), asOf);
    }

    /** customer-service did not answer: the details, if any, are the last known ones. */
    public boolean isFallback() {
        return customer == null || asOf != null;
    }

    public boolean isLastKnown() {
        return asOf != null;
    }

    /**
     * The text of the guide's envelope at {@code now}: the details, marked with their age when they are the
     * last known ones ({@code name=..., phone=... (last known, 42 s old)}), or that nothing can be shown.
     */
    public String describe(Instant now) {
        if (customer == null) {
            return UNAVAILABLE;
        }
        return ageAt(now).map(age -> customer.describe() + " (last known, " + age.getSeconds() + " s old)")
                .orElseGet(customer::describe);
    }
}
