package egovframework.msa.sample.support.problem;

import java.util.Objects;

/** One rejected input field and why it was rejected. */
public final class FieldProblem {

    private final String field;
    private final String message;

    public FieldProblem(String field, String message) {
        this.field = Objects.requireNonNull(field, "field");
        this.message = Objects.requireNonNull(message, "message");
    }

    public String getField() {
        return field;
    }

    public String getMessage() {
        return message;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldProblem
                && field.equals(((FieldProblem) o).field)
                && message.equals(((FieldProblem) o).message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(field, message);
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
