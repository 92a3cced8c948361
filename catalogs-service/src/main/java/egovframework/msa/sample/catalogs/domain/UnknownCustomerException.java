package egovframework.msa.sample.catalogs.domain;

/** The customer context answered, and the customer does not exist. Not a failure of the dependency. */
public class UnknownCustomerException extends RuntimeException {

    public UnknownCustomerException(CustomerId id) {
        super("Customer " + id + " not found");
    }
}
