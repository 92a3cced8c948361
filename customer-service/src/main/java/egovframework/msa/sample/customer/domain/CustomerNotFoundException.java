package egovframework.msa.sample.customer.domain;

public class CustomerNotFoundException extends RuntimeException {

    public CustomerNotFoundException(CustomerId id) {
        super("Customer " + id + " not found");
    }
}
