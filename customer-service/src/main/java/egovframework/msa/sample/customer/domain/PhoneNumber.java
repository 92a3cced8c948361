package egovframework.msa.sample.customer.domain;

import java.util.regex.Pattern;

/** A Korean telephone number written with hyphens, e.g. 010-1234-5678 or 02-123-4567. */
public final class PhoneNumber extends TextValue {

    private static final Pattern FORMAT = Pattern.compile("0[0-9]{1,2}-[0-9]{3,4}-[0-9]{4}");

    public PhoneNumber(String value) {
        super(Values.requireMatch("phone", value, 13, FORMAT, "a number such as 010-1234-5678"));
    }
}
