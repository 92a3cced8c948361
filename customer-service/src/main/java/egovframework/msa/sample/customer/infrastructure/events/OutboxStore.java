package egovframework.msa.sample.customer.infrastructure.events;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The outbox table (db/migration/V3__outbox.sql) through plain JDBC. The JdbcTemplate joins the JPA
 * transaction that is open on the calling thread, which is what puts an event in the same transaction as
 * the customer row; the relay calls it outside any transaction, one auto-committed statement at a time.
 */
@Repository
class OutboxStore {

    private final JdbcTemplate jdbc;

    OutboxStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void append(String eventId, long customerId, String type, long sequence, String payload, Instant createdAt,
                String traceParent) {
        // nextval(...) works on H2 and PostgreSQL alike.
        jdbc.update("INSERT INTO outbox (id, event_id, customer_id, event_type, sequence_no, payload, created_at, trace_parent)"
                        + " VALUES (nextval('outbox_seq'), ?, ?, ?, ?, ?, ?, ?)",
                eventId, customerId, type, sequence, payload, Timestamp.from(createdAt), traceParent);
    }

    /** The oldest unsent rows in outbox order (id order), at most {@code limit}. */
    List<OutboxEntry> oldestUnsent(int limit) {
        return jdbc.query("SELECT id, event_id, customer_id, event_type, sequence_no, payload, trace_parent FROM outbox"
                        + " WHERE sent_at IS NULL ORDER BY id LIMIT ?",
                (rs, row) -> new OutboxEntry(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getLong(5), rs.getString(6), rs.getString(7)),
                limit);
    }

    void markSent(List<OutboxEntry> entries, Instant sentAt) {
        jdbc.batchUpdate("UPDATE outbox SET sent_at = ? WHERE id = ?", entries.stream()
                .map(entry -> new Object[] {Timestamp.from(sentAt), entry.id()}).collect(Collectors.toList()));
    }

    long pending() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL", Long.class);
        return count == null ? 0 : count;
    }

    /** Deletes the rows sent before {@code sentBefore}; returns how many. */
    int deleteSentBefore(Instant sentBefore) {
        return jdbc.update("DELETE FROM outbox WHERE sent_at < ?", Timestamp.from(sentBefore));
    }
}
