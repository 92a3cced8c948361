package egovframework.msa.sample.customer.domain;

/** A customer's name as written, Korean or Latin: 1 to 50 characters, no control characters. */
public final class CustomerName {

    static final int MAX_LENGTH = 50;

    private final String value;

    public CustomerName(String value) {
        this.value = Values.requireText("name", value, MAX_LENGTH);
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustomerName && ((CustomerName) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
