package egovframework.msa.sample.catalogs.application;

import egovframework.msa.sample.catalogs.domain.CustomerId;
import egovframework.msa.sample.catalogs.domain.CustomerLookup;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What the catalogs display shows for one customer at one moment. */
public final class CustomerInfoReport {

    private final CustomerId customerId;
    private final long timestamp;
    private final CustomerLookup lookup;
    private final boolean masked;

    CustomerInfoReport(CustomerId customerId, long timestamp, CustomerLookup lookup, boolean masked) {
        this.customerId = customerId;
        this.timestamp = timestamp;
        this.lookup = lookup;
        this.masked = masked;
    }

    public CustomerId customerId() {
        return customerId;
    }

    public long timestamp() {
        return timestamp;
    }

    public CustomerLookup lookup() {
        return lookup;
    }

    /** Whether the customer's personal data is shown masked. */
    public boolean masked() {
        return masked;
    }

    /** Whether the customer's personal data is shown in full: what catalogs records an access for. */
    public boolean showsPersonalData() {
        return !masked && lookup.customer().isPresent();
    }

    /** How old the shown details are, when they are the last known ones rather than a live answer. */
    public Optional<Duration> age() {
        return lookup.ageAt(Instant.ofEpochMilli(timestamp));
    }

    /**
     * The developer guide's format: {@code [Customer id = 1234 at 1594991787610 <customer info> ]}; last-known
     * details end with their age: {@code <customer info> (last known, 42 s old)}.
     */
    public String toGuideFormat() {
        return String.format("[Customer id = %s at %d %s ]", customerId, timestamp,
                lookup.describe(Instant.ofEpochMilli(timestamp)));
    }
}
