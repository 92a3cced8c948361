package egovframework.msa.sample.support.accessrecord;

import java.util.Locale;

/** What was done with a customer's personal data: the 처리한 업무 of an access record. */
public enum AccessAction {
    /** One customer's data shown. */
    READ,
    /** A page of customers shown (the record names every customer on it). */
    LIST,
    /** A customer registered. */
    REGISTER,
    /** A customer's data changed. */
    CHANGE,
    /** A customer deleted. */
    DELETE;

    /** As stored and shown: read, list, register, change, delete. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AccessAction of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
