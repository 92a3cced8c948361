package egovframework.msa.sample.customer.domain;

import java.util.regex.Pattern;

/** A Korean telephone number written with hyphens, e.g. 010-1234-5678 or 02-123-4567. */
public final class PhoneNumber {

    private static final Pattern FORMAT = Pattern.compile("0[0-9]{1,2}-[0-9]{3,4}-[0-9]{4}");

    private final String value;

    public PhoneNumber(String value) {
        this.value = Values.requireMatch("phone", value, 13, FORMAT, "a number such as 010-1234-5678");
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PhoneNumber && ((PhoneNumber) o).value.equals(value);
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
