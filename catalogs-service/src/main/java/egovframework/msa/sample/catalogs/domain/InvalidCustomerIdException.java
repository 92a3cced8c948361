package egovframework.msa.sample.catalogs.domain;

/** A customer id that is not a positive number. */
public class InvalidCustomerIdException extends IllegalArgumentException {

    public InvalidCustomerIdException() {
        super("must be a positive number");
    }
}
