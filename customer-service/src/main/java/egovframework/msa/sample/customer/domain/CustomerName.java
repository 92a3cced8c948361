package egovframework.msa.sample.customer.domain;

/** A customer's name as written, Korean or Latin: 1 to 50 characters, no control characters. */
public final class CustomerName extends TextValue {

    static final int MAX_LENGTH = 50;

    public CustomerName(String value) {
        super(Values.requireText("name", value, MAX_LENGTH));
    }
}
