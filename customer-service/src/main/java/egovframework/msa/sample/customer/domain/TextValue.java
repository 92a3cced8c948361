package egovframework.msa.sample.customer.domain;

/**
 * Base of the value objects that wrap one validated text: equal when of the same type with the same
 * text. Subclasses validate in their constructor, so an instance is always valid.
 */
public abstract class TextValue {

    private final String value;

    TextValue(String validated) {
        this.value = validated;
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((TextValue) o).value.equals(value);
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
