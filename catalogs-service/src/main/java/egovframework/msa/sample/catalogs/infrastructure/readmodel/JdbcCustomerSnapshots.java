package egovframework.msa.sample.catalogs.infrastructure.readmodel;

import egovframework.msa.sample.catalogs.domain.CustomerId;
import egovframework.msa.sample.catalogs.domain.CustomerInfo;
import egovframework.msa.sample.catalogs.domain.CustomerLookup;
import egovframework.msa.sample.catalogs.domain.LastKnownCustomers;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read model in catalogs' own database (Flyway, db/migration): one row per customer with the details
 * catalogs shows, the sequence of the last event applied and when that state was true. Written by the
 * event listener and the initial fill; read by the Hystrix fallback.
 */
@Repository
public class JdbcCustomerSnapshots implements LastKnownCustomers {

    /** The sequence of a row from the initial fill: lower than any event's, so every event overrides it. */
    static final long FILL_SEQUENCE = -1;

    /** What became of one event. */
    public enum Outcome {
        /** The read model now shows the event's state. */
        APPLIED,
        /** The customer's row already carries this sequence or a later one. */
        STALE,
        /** This event id was processed before (a redelivery). */
        DUPLICATE
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    JdbcCustomerSnapshots(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Optional<CustomerLookup> find(CustomerId id) {
        List<CustomerLookup> rows = jdbc.query(
                "SELECT name, email, phone, as_of FROM customer_snapshot WHERE customer_id = ? AND deleted = FALSE",
                (rs, row) -> CustomerLookup.lastKnown(
                        new CustomerInfo(rs.getString("name"), rs.getString("email"), rs.getString("phone")),
                        rs.getObject("as_of", OffsetDateTime.class).toInstant()),
                Long.parseLong(id.value()));
        return rows.stream().findFirst();
    }

    /**
     * Applies one customer event in one local transaction: the event id is recorded together with the
     * change, so a redelivery is recognised; the row changes only if the event's sequence is higher than the
     * one it carries, so duplicates and events out of order are harmless.
     *
     * @param customer the customer's full state after the event; {@code null} for a deletion (a tombstone)
     * @throws DuplicateKeyException when another consumer stored the same event or customer at the same
     *                               moment: the event should be delivered again
     */
    @Transactional
    public Outcome apply(String eventId, long customerId, long sequence, CustomerInfo customer, Instant occurredAt) {
        return apply(eventId, customerId, sequence, customer, occurredAt, false);
    }

    /**
     * As {@link #apply(String, long, long, CustomerInfo, Instant)}; a registration that happened after the
     * row's state (its occurredAt later than the row's asOf) starts a new life of that id and replaces the
     * row whatever its sequence: customer-service gives an id out again only when its database started
     * over (the in-memory H2 of a local run), and then its sequences start over too. A redelivered or late
     * registration is older than the row's state and still ignored.
     */
    @Transactional
    public Outcome apply(String eventId, long customerId, long sequence, CustomerInfo customer, Instant occurredAt,
                         boolean registration) {
        Integer seen = jdbc.queryForObject("SELECT COUNT(*) FROM processed_event WHERE event_id = ?", Integer.class,
                eventId);
        if (seen != null && seen > 0) {
            return Outcome.DUPLICATE;
        }
        jdbc.update("INSERT INTO processed_event (event_id, processed_at) VALUES (?, ?)", eventId, now());
        // A customer-service clock ahead of ours must not make the data look younger than now.
        OffsetDateTime asOf = utc(occurredAt.isAfter(clock.instant()) ? clock.instant() : occurredAt);
        List<Long> stored = jdbc.queryForList(
                "SELECT last_sequence FROM customer_snapshot WHERE customer_id = ? FOR UPDATE", Long.class, customerId);
        if (stored.isEmpty()) {
            jdbc.update("INSERT INTO customer_snapshot (customer_id, last_sequence, deleted, name, email, phone, as_of,"
                            + " applied_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", customerId, sequence, customer == null,
                    name(customer), email(customer), phone(customer), asOf, now());
            return Outcome.APPLIED;
        }
        if (sequence <= stored.get(0) && !(registration && registeredAfterTheRowsState(customerId, occurredAt))) {
            return Outcome.STALE;
        }
        jdbc.update("UPDATE customer_snapshot SET last_sequence = ?, deleted = ?, name = ?, email = ?, phone = ?,"
                        + " as_of = ?, applied_at = ? WHERE customer_id = ?", sequence, customer == null, name(customer),
                email(customer), phone(customer), asOf, now(), customerId);
        return Outcome.APPLIED;
    }

    private boolean registeredAfterTheRowsState(long customerId, Instant occurredAt) {
        OffsetDateTime asOf = jdbc.queryForObject("SELECT as_of FROM customer_snapshot WHERE customer_id = ?",
                OffsetDateTime.class, customerId);
        return asOf != null && occurredAt.isAfter(asOf.toInstant());
    }

    /**
     * Stores a customer read from customer-service's list, unless the read model already has a row for it
     * (an event got there first, and an event always knows better).
     *
     * @return whether the row was added
     */
    public boolean fillIfAbsent(long customerId, CustomerInfo customer, Instant readAt) {
        Integer present = jdbc.queryForObject("SELECT COUNT(*) FROM customer_snapshot WHERE customer_id = ?",
                Integer.class, customerId);
        if (present != null && present > 0) {
            return false;
        }
        try {
            jdbc.update("INSERT INTO customer_snapshot (customer_id, last_sequence, deleted, name, email, phone, as_of,"
                            + " applied_at) VALUES (?, ?, FALSE, ?, ?, ?, ?, ?)", customerId, FILL_SEQUENCE, customer.name(),
                    customer.email(), customer.phone(), utc(readAt), now());
            return true;
        } catch (DuplicateKeyException eventWasFaster) {
            return false;
        }
    }

    /** What the read model holds for one customer, for operators: no personal data, only its bookkeeping. */
    public Optional<Map<String, Object>> bookkeeping(long customerId) {
        return jdbc.query("SELECT last_sequence, deleted, as_of, applied_at FROM customer_snapshot WHERE customer_id = ?",
                (rs, row) -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("customerId", customerId);
                    entry.put("lastSequence", rs.getLong("last_sequence"));
                    entry.put("deleted", rs.getBoolean("deleted"));
                    entry.put("asOf", rs.getObject("as_of", OffsetDateTime.class).toInstant());
                    OffsetDateTime applied = rs.getObject("applied_at", OffsetDateTime.class);
                    entry.put("appliedAt", applied == null ? null : applied.toInstant());
                    return entry;
                }, customerId).stream().findFirst();
    }

    /** Counts for operators: customers shown, tombstones, the latest change applied, whether the fill ran. */
    public Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("customers", jdbc.queryForObject("SELECT COUNT(*) FROM customer_snapshot WHERE deleted = FALSE", Long.class));
        summary.put("tombstones", jdbc.queryForObject("SELECT COUNT(*) FROM customer_snapshot WHERE deleted = TRUE", Long.class));
        OffsetDateTime last = jdbc.queryForObject("SELECT MAX(applied_at) FROM customer_snapshot", OffsetDateTime.class);
        summary.put("lastAppliedAt", last == null ? null : last.toInstant());
        summary.put("initialFillCompleted", initialFillCompleted());
        return summary;
    }

    public boolean initialFillCompleted() {
        Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM initial_fill", Integer.class);
        return rows != null && rows > 0;
    }

    public void initialFillCompleted(Instant at) {
        try {
            jdbc.update("INSERT INTO initial_fill (id, completed_at) VALUES (1, ?)", utc(at));
        } catch (DuplicateKeyException anotherInstanceFinishedFirst) {
            // Several instances sharing one database may all fill it; once is recorded.
        }
    }

    /** Forgets the ids of events processed before {@code before}; their sequence still keeps them out. */
    public int forgetEventsProcessedBefore(Instant before) {
        return jdbc.update("DELETE FROM processed_event WHERE processed_at < ?", utc(before));
    }

    private OffsetDateTime now() {
        return utc(clock.instant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String name(CustomerInfo customer) {
        return customer == null ? null : customer.name();
    }

    private static String email(CustomerInfo customer) {
        return customer == null ? null : customer.email();
    }

    private static String phone(CustomerInfo customer) {
        return customer == null ? null : customer.phone();
    }
}
