package egovframework.msa.sample.customer.domain;

/** A value object refused its input. Carries the field name so the API can say which input was wrong. */
public class InvalidValueException extends RuntimeException {

    private final String field;

    public InvalidValueException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
