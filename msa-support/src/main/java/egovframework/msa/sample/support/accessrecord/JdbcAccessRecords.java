package egovframework.msa.sample.support.accessrecord;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The chain of access records in a service's own database (tables access_record, access_record_customer,
 * access_record_head and access_record_anchor: the service's Flyway migrations), over plain JDBC. Appending only
 * inserts rows and moves the head; nothing here updates or deletes a record but {@link #prune}, which the
 * one-off {@code access-records prune} runs with the migration login, never the service.
 *
 * <p>One chain per database, whatever the number of instances writing to it: each batch is appended under the
 * lock of the one head row ({@code SELECT ... FOR UPDATE}, in H2 as in PostgreSQL), so the instances that
 * share a database append one batch after another, each continuing from the hash the last one left. Its own
 * transactions on the DataSource, whatever transaction manager the service uses for its data.
 */
public final class JdbcAccessRecords {

    private static final String COLUMNS = "r.id, r.accessed_at, r.account, r.client_address, r.action, r.result,"
            + " r.trace_id, r.previous_hash, r.hash";
    /** Rows fetched per round trip while verifying: the chain is read as a stream, never held in memory. */
    private static final int VERIFY_FETCH_SIZE = 1000;

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate writes;
    private final TransactionTemplate snapshot;
    /** Its own transaction beside the snapshot's (which is read-only): takes the head's lock for a second look. */
    private final TransactionTemplate confirmed;

    public JdbcAccessRecords(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(VERIFY_FETCH_SIZE);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        this.writes = new TransactionTemplate(transactions);
        // One consistent view of the whole chain while it is read, though writers append meanwhile; read-only, and
        // inside a transaction so that PostgreSQL's driver streams with the fetch size instead of reading it all.
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        this.confirmed = new TransactionTemplate(transactions);
        confirmed.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Appends the records in their order, in one transaction, and returns them as chained. */
    public List<ChainedRecord> append(List<AccessRecord> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        return writes.execute(status -> {
            Map<String, Object> head = jdbc.queryForMap(
                    "SELECT last_id, last_hash FROM access_record_head WHERE id = 1 FOR UPDATE");
            long id = ((Number) head.get("last_id")).longValue();
            String previous = (String) head.get("last_hash");
            List<ChainedRecord> chained = new ArrayList<>(records.size());
            List<Object[]> customers = new ArrayList<>();
            for (AccessRecord record : records) {
                ChainedRecord next = ChainedRecord.append(++id, record, previous);
                chained.add(next);
                previous = next.hash();
                List<String> ids = record.customerIds();
                for (int i = 0; i < ids.size(); i++) {
                    customers.add(new Object[]{next.id(), i, ids.get(i)});
                }
            }
            jdbc.batchUpdate("INSERT INTO access_record (id, accessed_at, account, client_address, action, result, trace_id,"
                    + " previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", chained.stream().map(c -> new Object[]{
                    c.id(), utc(c.record().accessedAt()), c.record().account(), c.record().clientAddress(),
                    c.record().action().word(), c.record().result(), c.record().traceId().orElse(null), c.previousHash(),
                    c.hash()}).collect(Collectors.toList()));
            if (!customers.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO access_record_customer (record_id, ordinal, customer_id) VALUES (?, ?, ?)",
                        customers);
            }
            jdbc.update("UPDATE access_record_head SET last_id = ?, last_hash = ? WHERE id = 1", id, previous);
            return chained;
        });
    }

    /**
     * Reads the whole chain, from the anchor to the head, and checks every record ({@link ChainWalk}). Records
     * appended meanwhile lie beyond the head read first and are left for the next check; a record beyond the head
     * as it stands at the end was never appended under the head's lock (a legitimate append moves the head in the
     * same transaction), so it was added outside the chain. One snapshot where the database gives one (PostgreSQL's
     * repeatable read); H2 shows each statement what was committed before it, which these rules allow for.
     */
    public ChainCheck verify() {
        return snapshot.execute(status -> {
            Map<String, Object> anchor = jdbc.queryForMap("SELECT anchor_id, anchor_hash FROM access_record_anchor WHERE id = 1");
            long headId = headId();
            String headHash = jdbc.queryForObject("SELECT last_hash FROM access_record_head WHERE id = 1", String.class);
            ChainWalk walk = new ChainWalk(((Number) anchor.get("anchor_id")).longValue(), (String) anchor.get("anchor_hash"),
                    headId, headHash);
            // Each record once, with its customers in order (a LEFT JOIN: a record may name none).
            RecordAssembler records = new RecordAssembler(walk::accept);
            streaming.query("SELECT " + COLUMNS + ", c.customer_id FROM access_record r"
                    + " LEFT JOIN access_record_customer c ON c.record_id = r.id WHERE r.id <= ? ORDER BY r.id, c.ordinal",
                    records::row, headId);
            records.flush();
            Long beyond = jdbc.queryForObject("SELECT MAX(id) FROM access_record", Long.class);
            if (beyond != null && beyond > headId()) {
                // H2 1.4 may show a batch's rows before the head that batch moves (MAX from the primary key's index):
                // look again under the head's lock, which every append holds until it commits, so none is in flight.
                Object[] outside = confirmed.execute(lock -> {
                    long lockedHead = jdbc.queryForObject("SELECT last_id FROM access_record_head WHERE id = 1 FOR UPDATE", Long.class);
                    Long last = jdbc.queryForObject("SELECT MAX(id) FROM access_record", Long.class);
                    return last != null && last > lockedHead ? columns(jdbc, last) : null;
                });
                if (outside != null) {
                    walk.accept(chainedOrUnreadable(outside, List.of()));
                }
            }
            return walk.finish();
        });
    }

    private long headId() {
        return jdbc.queryForObject("SELECT last_id FROM access_record_head WHERE id = 1", Long.class);
    }

    private static Object[] columns(JdbcTemplate jdbc, long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM access_record r WHERE r.id = ?", (rs, row) -> columns(rs), id).get(0);
    }

    /** One page of records, newest first, with their customers. */
    public List<ChainedRecord> find(AccessRecordQuery query) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM access_record r WHERE 1 = 1");
        List<Object> arguments = new ArrayList<>();
        query.account().ifPresent(account -> {
            sql.append(" AND r.account = ?");
            arguments.add(account);
        });
        query.customer().ifPresent(customer -> {
            sql.append(" AND r.id IN (SELECT c.record_id FROM access_record_customer c WHERE c.customer_id = ?)");
            arguments.add(customer);
        });
        query.from().ifPresent(from -> {
            sql.append(" AND r.accessed_at >= ?");
            arguments.add(utc(from));
        });
        query.to().ifPresent(to -> {
            sql.append(" AND r.accessed_at < ?");
            arguments.add(utc(to));
        });
        query.before().ifPresent(before -> {
            sql.append(" AND r.id < ?");
            arguments.add(before);
        });
        sql.append(" ORDER BY r.id DESC LIMIT ?");
        arguments.add(query.size());
        Map<Long, Object[]> rows = new LinkedHashMap<>();
        jdbc.query(sql.toString(), rs -> {
            rows.put(rs.getLong("id"), columns(rs));
        }, arguments.toArray());
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<String>> customers = new LinkedHashMap<>();
        rows.keySet().forEach(id -> customers.put(id, new ArrayList<>()));
        String ids = rows.keySet().stream().map(id -> "?").collect(Collectors.joining(", "));
        jdbc.query("SELECT record_id, customer_id FROM access_record_customer WHERE record_id IN (" + ids + ")"
                + " ORDER BY record_id, ordinal", rs -> {
            customers.get(rs.getLong("record_id")).add(rs.getString("customer_id"));
        }, rows.keySet().toArray());
        List<ChainedRecord> page = new ArrayList<>(rows.size());
        rows.forEach((id, columns) -> page.add(chainedOrUnreadable(columns, customers.get(id))));
        return page;
    }

    /**
     * Removes the oldest records, those accessed before {@code before}, as long as every record up to them is
     * that old (records from several instances arrive nearly but not exactly in time order), and moves the anchor
     * to the last one removed, keeping its hash, so that the records kept still verify. The caller verifies the
     * chain first: records are only removed from a chain known to be intact.
     */
    public Pruning prune(Instant before, Instant now) {
        return writes.execute(status -> {
            Map<String, Object> head = jdbc.queryForMap("SELECT last_id FROM access_record_head WHERE id = 1 FOR UPDATE");
            long lastId = ((Number) head.get("last_id")).longValue();
            long anchorId = jdbc.queryForObject("SELECT anchor_id FROM access_record_anchor WHERE id = 1", Long.class);
            Long firstKept = jdbc.queryForObject("SELECT MIN(id) FROM access_record WHERE accessed_at >= ?", Long.class,
                    utc(before));
            long upTo = firstKept == null ? lastId : firstKept - 1;
            if (upTo <= anchorId) {
                return new Pruning(0, anchorId, lastId - anchorId);
            }
            String hash = jdbc.queryForObject("SELECT hash FROM access_record WHERE id = ?", String.class, upTo);
            jdbc.update("DELETE FROM access_record_customer WHERE record_id <= ?", upTo);
            int removed = jdbc.update("DELETE FROM access_record WHERE id <= ?", upTo);
            jdbc.update("UPDATE access_record_anchor SET anchor_id = ?, anchor_hash = ?, pruned_at = ? WHERE id = 1",
                    upTo, hash, utc(now));
            return new Pruning(removed, upTo, lastId - upTo);
        });
    }

    /** What {@link #prune} removed, and where the kept chain now starts. */
    public static final class Pruning {
        private final long removed;
        private final long anchorId;
        private final long kept;

        Pruning(long removed, long anchorId, long kept) {
            this.removed = removed;
            this.anchorId = anchorId;
            this.kept = kept;
        }

        public long removed() {
            return removed;
        }

        public long anchorId() {
            return anchorId;
        }

        public long kept() {
            return kept;
        }
    }

    private static Object[] columns(ResultSet rs) throws SQLException {
        return new Object[]{rs.getLong("id"), rs.getObject("accessed_at", OffsetDateTime.class).toInstant(),
                rs.getString("account"), rs.getString("client_address"), rs.getString("action"), rs.getString("result"),
                rs.getString("trace_id"), rs.getString("previous_hash"), rs.getString("hash")};
    }

    private static ChainedRecord chained(Object[] columns, List<String> customers) {
        AccessRecord record = new AccessRecord((Instant) columns[1], (String) columns[2], (String) columns[3],
                AccessAction.of((String) columns[4]), customers, (String) columns[5], (String) columns[6]);
        return new ChainedRecord((Long) columns[0], record, (String) columns[7], (String) columns[8]);
    }

    /** Rows of the verifying join (one per record and customer) back into records, handed on in id order. */
    private static final class RecordAssembler {
        private final Consumer<ChainedRecord> next;
        private Object[] columns;
        private List<String> customers = new ArrayList<>();

        RecordAssembler(Consumer<ChainedRecord> next) {
            this.next = next;
        }

        void row(ResultSet rs) throws SQLException {
            long id = rs.getLong("id");
            if (columns == null || (Long) columns[0] != id) {
                flush();
                columns = columns(rs);
            }
            String customer = rs.getString("customer_id");
            if (customer != null) {
                customers.add(customer);
            }
        }

        void flush() {
            if (columns != null) {
                next.accept(chainedOrUnreadable(columns, customers));
                columns = null;
                customers = new ArrayList<>();
            }
        }
    }

    /**
     * A row whose fields no longer make a record (an action that is not one, a blank account) was changed in the
     * database: kept as it is, its hash no longer matches it, so the walk names it.
     */
    private static ChainedRecord chainedOrUnreadable(Object[] columns, List<String> customers) {
        try {
            return chained(columns, customers);
        } catch (IllegalArgumentException | NullPointerException changedBeyondReading) {
            AccessRecord placeholder = new AccessRecord(Instant.EPOCH, "?", "?", AccessAction.READ, List.of(),
                    "unreadable", null);
            return new ChainedRecord((Long) columns[0], placeholder, String.valueOf(columns[7]), String.valueOf(columns[8]));
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
