package egovframework.msa.sample.catalogs.domain;

/** Where the catalogs context looks customers up. Implemented by a client of customer-service. */
public interface CustomerDirectory {

    /**
     * @return the customer's details; when the customer context cannot answer, the last-known details with
     * their age, or an "unavailable" lookup for a customer catalogs never knew
     * @throws UnknownCustomerException when the customer context says there is no such customer
     */
    CustomerLookup lookup(CustomerId id);
}
