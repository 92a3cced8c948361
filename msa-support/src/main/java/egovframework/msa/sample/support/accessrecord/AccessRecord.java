package egovframework.msa.sample.support.accessrecord;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One access to customers' personal data, as 개인정보의 안전성 확보조치 기준 제8조 asks it to be recorded: when,
 * by which account (the token's subject), from which address, what was done (the action), to whom (the customer
 * ids), with what result, and the trace id that finds the request in the logs and in Zipkin. Nothing else: a
 * record holds no personal data but ids and an address.
 */
public final class AccessRecord {

    static final int MAX_ACCOUNT = 255;
    static final int MAX_ADDRESS = 64;
    static final int MAX_CUSTOMER_ID = 64;
    static final int MAX_CUSTOMERS = 1000;
    static final int MAX_RESULT = 16;
    static final int MAX_TRACE_ID = 32;

    private final Instant accessedAt;
    private final String account;
    private final String clientAddress;
    private final AccessAction action;
    private final List<String> customerIds;
    private final String result;
    private final String traceId;

    /**
     * @param accessedAt kept to the microsecond, as PostgreSQL and H2 store it, so the hash of a record read back
     *                   is the hash it was written with
     * @param account    a longer one is cut to {@value #MAX_ACCOUNT} characters (ending in …) rather than lose the record
     * @param traceId    null when the request had none (tracing off)
     */
    public AccessRecord(Instant accessedAt, String account, String clientAddress, AccessAction action,
                        List<String> customerIds, String result, String traceId) {
        this.accessedAt = Objects.requireNonNull(accessedAt, "accessedAt").truncatedTo(ChronoUnit.MICROS);
        this.account = cut(require(account, "account"), MAX_ACCOUNT);
        this.clientAddress = limited(require(clientAddress, "clientAddress"), MAX_ADDRESS, "clientAddress");
        this.action = Objects.requireNonNull(action, "action");
        this.customerIds = List.copyOf(customerIds);
        if (this.customerIds.size() > MAX_CUSTOMERS) {
            throw new IllegalArgumentException("at most " + MAX_CUSTOMERS + " customers in one access record");
        }
        checkedIds(this.customerIds.toArray(new String[0]));
        this.result = limited(require(result, "result"), MAX_RESULT, "result");
        this.traceId = traceId == null || traceId.isEmpty() ? null : limited(traceId, MAX_TRACE_ID, "traceId");
    }

    public Instant accessedAt() {
        return accessedAt;
    }

    public String account() {
        return account;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public AccessAction action() {
        return action;
    }

    public List<String> customerIds() {
        return customerIds;
    }

    /** ok, invalid, not-found, conflict, unavailable, error, or the HTTP status where no word fits. */
    public String result() {
        return result;
    }

    public Optional<String> traceId() {
        return Optional.ofNullable(traceId);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof AccessRecord)) {
            return false;
        }
        AccessRecord that = (AccessRecord) other;
        return accessedAt.equals(that.accessedAt) && account.equals(that.account)
                && clientAddress.equals(that.clientAddress) && action == that.action
                && customerIds.equals(that.customerIds) && result.equals(that.result)
                && Objects.equals(traceId, that.traceId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accessedAt, account, clientAddress, action, customerIds, result, traceId);
    }

    /** One line for the log, where a record that could not be kept ends up (AccessRecordWriter). */
    @Override
    public String toString() {
        return accessedAt + " account=" + account + " address=" + clientAddress + " action=" + action.word()
                + " customers=" + String.join(",", customerIds) + " result=" + result + " trace=" + traceId;
    }

    /** The ids as a list, each checked: a bad one fails the request before any data is touched. */
    static List<String> checkedIds(String... ids) {
        for (String id : ids) {
            limited(require(id, "customer id"), MAX_CUSTOMER_ID, "customer id");
        }
        return List.of(ids);
    }

    private static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }

    private static String limited(String value, int max, String what) {
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " longer than " + max + " characters");
        }
        return value;
    }

    private static String cut(String value, int max) {
        if (value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 2)) ? max - 2 : max - 1;
        return value.substring(0, end) + "…";
    }
}
