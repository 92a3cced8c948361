package egovframework.msa.sample.customer.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/** An e-mail address, kept in lower case so two spellings of one address are equal. */
public final class Email {

    private static final Pattern FORMAT = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    private final String value;

    public Email(String value) {
        this.value = Values.requireMatch("email", value, 254, FORMAT, "an e-mail address such as name@example.go.kr")
                .toLowerCase(Locale.ROOT);
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Email && ((Email) o).value.equals(value);
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
