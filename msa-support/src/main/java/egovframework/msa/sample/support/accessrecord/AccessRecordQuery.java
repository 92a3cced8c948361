package egovframework.msa.sample.support.accessrecord;

import java.time.Instant;
import java.util.Optional;

/**
 * Which access records an operator asks for: any of account, customer and a time range [from, to), newest first,
 * a page of at most {@link #MAX_SIZE}; {@code before} (a record id) continues where the previous page ended.
 */
public final class AccessRecordQuery {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    private final String account;
    private final String customer;
    private final Instant from;
    private final Instant to;
    private final Long before;
    private final int size;

    public AccessRecordQuery(String account, String customer, Instant from, Instant to, Long before, int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be from 1 to " + MAX_SIZE);
        }
        this.account = account;
        this.customer = customer;
        this.from = from;
        this.to = to;
        this.before = before;
        this.size = size;
    }

    /** Every record, newest first, one default page. */
    public static AccessRecordQuery latest() {
        return new AccessRecordQuery(null, null, null, null, null, DEFAULT_SIZE);
    }

    public Optional<String> account() {
        return Optional.ofNullable(account);
    }

    public Optional<String> customer() {
        return Optional.ofNullable(customer);
    }

    public Optional<Instant> from() {
        return Optional.ofNullable(from);
    }

    public Optional<Instant> to() {
        return Optional.ofNullable(to);
    }

    public Optional<Long> before() {
        return Optional.ofNullable(before);
    }

    public int size() {
        return size;
    }
}
