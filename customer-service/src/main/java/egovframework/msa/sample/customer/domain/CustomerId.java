package egovframework.msa.sample.customer.domain;

import java.util.regex.Pattern;

/** Identity of a customer: a positive number. */
public final class CustomerId {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    private final long value;

    private CustomerId(long value) {
        if (value <= 0) {
            throw new InvalidValueException("id", "must be a positive number");
        }
        this.value = value;
    }

    public static CustomerId of(long value) {
        return new CustomerId(value);
    }

    /** Parses an id as it arrives in a URL; anything but a positive number of up to 18 digits is refused. */
    public static CustomerId parse(String text) {
        if (text == null || !DIGITS.matcher(text).matches()) {
            throw new InvalidValueException("id", "must be a positive number");
        }
        return new CustomerId(Long.parseLong(text));
    }

    public long value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustomerId && ((CustomerId) o).value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
