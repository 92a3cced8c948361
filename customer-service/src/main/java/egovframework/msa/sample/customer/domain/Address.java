package egovframework.msa.sample.customer.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/** A postal address: a five-digit Korean postcode and the street address. */
public final class Address {

    private static final Pattern ZIP = Pattern.compile("[0-9]{5}");

    private final String zipCode;
    private final String street;

    public Address(String zipCode, String street) {
        this.zipCode = Values.requireMatch("address.zipCode", zipCode, 5, ZIP, "a five-digit postcode");
        this.street = Values.requireText("address.street", street, 200);
    }

    public String zipCode() {
        return zipCode;
    }

    public String street() {
        return street;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address && ((Address) o).zipCode.equals(zipCode) && ((Address) o).street.equals(street);
    }

    @Override
    public int hashCode() {
        return Objects.hash(zipCode, street);
    }

    @Override
    public String toString() {
        return "(" + zipCode + ") " + street;
    }
}
