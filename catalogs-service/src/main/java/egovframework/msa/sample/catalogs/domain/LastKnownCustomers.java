package egovframework.msa.sample.catalogs.domain;

import java.util.Optional;

/**
 * The catalogs context's own memory of the customers it shows (its read model), kept up to date from the
 * customer context's events. Asked only when customer-service itself cannot answer.
 */
public interface LastKnownCustomers {

    /**
     * @return the customer as last known, as a {@link CustomerLookup#lastKnown last-known} lookup; empty
     * when catalogs never heard of the customer or heard that it was deleted
     */
    Optional<CustomerLookup> find(CustomerId id);
}
