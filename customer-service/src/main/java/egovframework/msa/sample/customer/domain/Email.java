package egovframework.msa.sample.customer.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/** An e-mail address, kept in lower case so two spellings of one address are equal. */
public final class Email extends TextValue {

    private static final Pattern FORMAT = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    public Email(String value) {
        super(Values.requireMatch("email", value, 254, FORMAT, "an e-mail address such as name@example.go.kr")
                .toLowerCase(Locale.ROOT));
    }
}
