package egovframework.msa.sample.customer.domain;

import java.util.regex.Pattern;

/** Shared checks for the customer value objects. */
final class Values {

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private Values() {
    }

    static String requireText(String field, String value, int maxLength) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidValueException(field, "must not be blank");
        }
        if (trimmed.codePointCount(0, trimmed.length()) > maxLength) {
            throw new InvalidValueException(field, "must be at most " + maxLength + " characters");
        }
        if (CONTROL.matcher(trimmed).find()) {
            throw new InvalidValueException(field, "must not contain control characters");
        }
        return trimmed;
    }

    static String requireMatch(String field, String value, int maxLength, Pattern pattern, String expected) {
        String text = requireText(field, value, maxLength);
        if (!pattern.matcher(text).matches()) {
            throw new InvalidValueException(field, "must be " + expected);
        }
        return text;
    }
}
