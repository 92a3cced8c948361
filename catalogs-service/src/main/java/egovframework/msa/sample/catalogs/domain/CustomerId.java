package egovframework.msa.sample.catalogs.domain;

import java.util.regex.Pattern;

/**
 * The catalogs context's own view of a customer id. It is checked here too, so a malformed id is
 * refused at the edge instead of costing a call to customer-service.
 */
public final class CustomerId {

    private static final Pattern FORMAT = Pattern.compile("[1-9][0-9]{0,17}");

    private final String value;

    private CustomerId(String value) {
        this.value = value;
    }

    public static CustomerId parse(String text) {
        if (text == null || !FORMAT.matcher(text).matches()) {
            throw new InvalidCustomerIdException();
        }
        return new CustomerId(text);
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustomerId && ((CustomerId) o).value.equals(value);
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
