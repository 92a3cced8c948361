package egovframework.msa.sample.customer.domain;

public class CustomerNotFoundException extends RuntimeException {

    private final CustomerId id;

    public CustomerNotFoundException(CustomerId id) {
        super("Customer " + id + " not found");
        this.id = id;
    }

    public CustomerId id() {
        return id;
    }
}
