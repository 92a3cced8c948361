package egovframework.msa.sample.catalogs.domain;

/** Where the catalogs context looks customers up. Implemented by a client of customer-service. */
public interface CustomerDirectory {

    /**
     * @return the customer's details, or an "unavailable" lookup when the customer context cannot answer
     * @throws UnknownCustomerException when the customer context says there is no such customer
     */
    CustomerLookup lookup(CustomerId id);
}
