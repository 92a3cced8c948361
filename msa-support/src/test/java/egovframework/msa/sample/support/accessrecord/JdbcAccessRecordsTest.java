package egovframework.msa.sample.support.accessrecord;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The chain in a real database (H2, the services' own tables): appended, verified, tampered with, queried, pruned. */
class JdbcAccessRecordsTest {

    private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

    private String url;
    private DataSource dataSource;
    private JdbcAccessRecords chain;
    private JdbcTemplate sql;

    @BeforeEach
    void freshDatabase() {
        url = AccessRecordTables.migratedUrl();
        dataSource = AccessRecordTables.dataSource(url);
        chain = new JdbcAccessRecords(dataSource);
        sql = new JdbcTemplate(dataSource);
    }

    private static AccessRecord record(String account, Instant at, AccessAction action, String... customers) {
        return new AccessRecord(at, account, "127.0.0.1", action, List.of(customers), "ok", "463ac35c9f6413ad48485a3953bb6124");
    }

    private void appendFive() {
        chain.append(List.of(record("alice", T, AccessAction.READ, "1234"),
                record("bob", T.plusSeconds(1), AccessAction.LIST, "1", "2", "3")));
        chain.append(List.of(record("alice", T.plusSeconds(2), AccessAction.CHANGE, "1234"),
                record("carol", T.plusSeconds(3), AccessAction.REGISTER, "7"),
                record("alice", T.plusSeconds(4), AccessAction.DELETE, "7")));
    }

    @Test
    void recordsAppendedInBatchesFormOneIntactChainWithConsecutiveIds() {
        appendFive();

        ChainCheck check = chain.verify();

        assertThat(check.intact()).as(check.line("test")).isTrue();
        assertThat(check.records()).isEqualTo(5);
        assertThat(sql.queryForList("SELECT id FROM access_record ORDER BY id", Long.class)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(sql.queryForList("SELECT customer_id FROM access_record_customer WHERE record_id = 2 ORDER BY ordinal",
                String.class)).containsExactly("1", "2", "3");
        assertThat(sql.queryForObject("SELECT last_hash FROM access_record_head", String.class))
                .isEqualTo(sql.queryForObject("SELECT hash FROM access_record WHERE id = 5", String.class));
    }

    @Test
    void aFieldChangedInTheDatabaseBreaksTheChainAtThatRecord() {
        appendFive();
        sql.update("UPDATE access_record SET client_address = '10.1.2.3' WHERE id = 3");

        ChainCheck check = chain.verify();

        assertThat(check.brokenAt()).contains(3L);
        assertThat(check.line("catalogs-service")).startsWith("catalogs-service: access records BROKEN at record #3: its fields do not match its hash");
    }

    @Test
    void aCustomerChangedOrAddedToARecordBreaksTheChainAtThatRecord() {
        appendFive();
        sql.update("UPDATE access_record_customer SET customer_id = '999' WHERE record_id = 2 AND ordinal = 1");
        assertThat(chain.verify().brokenAt()).contains(2L);

        sql.update("UPDATE access_record_customer SET customer_id = '2' WHERE record_id = 2 AND ordinal = 1");
        assertThat(chain.verify().intact()).isTrue();
        sql.update("INSERT INTO access_record_customer (record_id, ordinal, customer_id) VALUES (4, 1, '8')");
        assertThat(chain.verify().brokenAt()).contains(4L);
    }

    @Test
    void aRecordDeletedInTheMiddleIsNamedAsMissing() {
        appendFive();
        sql.update("DELETE FROM access_record_customer WHERE record_id = 2");
        sql.update("DELETE FROM access_record WHERE id = 2");

        ChainCheck check = chain.verify();

        assertThat(check.brokenAt()).contains(2L);
        assertThat(check.line("s")).contains("record #2: it is missing (removed): the next record there is #3");
    }

    @Test
    void theLastRecordDeletedIsFoundThroughTheHead() {
        appendFive();
        sql.update("DELETE FROM access_record_customer WHERE record_id = 5");
        sql.update("DELETE FROM access_record WHERE id = 5");

        assertThat(chain.verify().brokenAt()).contains(5L);
    }

    @Test
    void aRecordInsertedWithoutMovingTheHeadIsFoundOutsideTheChain() {
        appendFive();
        sql.update("INSERT INTO access_record (id, accessed_at, account, client_address, action, result, previous_hash, hash)"
                + " SELECT 6, accessed_at, 'mallory', client_address, action, result, hash, hash FROM access_record WHERE id = 5");

        ChainCheck check = chain.verify();

        assertThat(check.brokenAt()).contains(6L);
        assertThat(check.line("s")).contains("beyond the head");
    }

    @Test
    void severalWritersOnOneDatabaseAppendOneChain() throws Exception {
        // Two instances' writers (their own DataSources on one database), each on two threads.
        List<JdbcAccessRecords> instances = List.of(new JdbcAccessRecords(AccessRecordTables.dataSource(url)),
                new JdbcAccessRecords(AccessRecordTables.dataSource(url)));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            JdbcAccessRecords writer = instances.get(t % 2);
            String account = "writer-" + t;
            done.add(threads.submit(() -> {
                for (int batch = 0; batch < 25; batch++) {
                    writer.append(List.of(record(account, T, AccessAction.READ, "1"), record(account, T, AccessAction.READ, "2")));
                }
            }));
        }
        // Verified meanwhile too: each check sees one consistent state of the chain.
        for (int i = 0; i < 5; i++) {
            ChainCheck during = chain.verify();
            assertThat(during.intact()).as(during.line("during")).isTrue();
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();

        ChainCheck check = chain.verify();
        assertThat(check.intact()).as(check.line("test")).isTrue();
        assertThat(check.records()).isEqualTo(200);
        assertThat(sql.queryForList("SELECT id FROM access_record ORDER BY id", Long.class))
                .isEqualTo(LongStream.rangeClosed(1, 200).boxed().collect(Collectors.toList()));
    }

    @Test
    void findFiltersByAccountCustomerAndTimeNewestFirstAndPages() {
        appendFive();

        assertThat(ids(new AccessRecordQuery("alice", null, null, null, null, 50))).containsExactly(5L, 3L, 1L);
        assertThat(ids(new AccessRecordQuery(null, "1234", null, null, null, 50))).containsExactly(3L, 1L);
        assertThat(ids(new AccessRecordQuery(null, "2", null, null, null, 50))).containsExactly(2L);
        assertThat(ids(new AccessRecordQuery(null, null, T.plusSeconds(1), T.plusSeconds(3), null, 50))).containsExactly(3L, 2L);
        assertThat(ids(new AccessRecordQuery(null, null, null, null, null, 2))).containsExactly(5L, 4L);
        assertThat(ids(new AccessRecordQuery(null, null, null, null, 4L, 2))).containsExactly(3L, 2L);
        assertThat(ids(new AccessRecordQuery("nobody", null, null, null, null, 50))).isEmpty();

        ChainedRecord list = chain.find(new AccessRecordQuery("bob", null, null, null, null, 1)).get(0);
        assertThat(list.record()).isEqualTo(record("bob", T.plusSeconds(1), AccessAction.LIST, "1", "2", "3"));
        assertThat(list.fieldsMatchHash()).isTrue();
    }

    @Test
    void pruningRemovesTheOldestAndTheKeptChainStillVerifies() {
        appendFive();

        JdbcAccessRecords.Pruning pruning = chain.prune(T.plusSeconds(2), T.plusSeconds(60));

        assertThat(pruning.removed()).isEqualTo(2);
        assertThat(pruning.anchorId()).isEqualTo(2);
        assertThat(pruning.kept()).isEqualTo(3);
        assertThat(sql.queryForList("SELECT id FROM access_record ORDER BY id", Long.class)).containsExactly(3L, 4L, 5L);
        assertThat(sql.queryForObject("SELECT COUNT(*) FROM access_record_customer WHERE record_id <= 2", Long.class)).isZero();
        ChainCheck check = chain.verify();
        assertThat(check.intact()).as(check.line("test")).isTrue();
        assertThat(check.line("s")).contains("3 records (#3 to #5; #1 to #2 pruned)");

        // Appending goes on from the head, and a second pruning with nothing old enough removes nothing.
        chain.append(List.of(record("dave", T.plusSeconds(5), AccessAction.READ, "1")));
        assertThat(chain.prune(T.plusSeconds(2), T.plusSeconds(61)).removed()).isZero();
        assertThat(chain.verify().intact()).isTrue();
    }

    @Test
    void pruningStopsAtTheFirstRecordThatIsStillToBeKept() {
        // Instances' batches interleave: #2 is older than #1.
        chain.append(List.of(record("a", T.plusSeconds(10), AccessAction.READ, "1"), record("b", T, AccessAction.READ, "2"),
                record("c", T.plusSeconds(20), AccessAction.READ, "3")));

        assertThat(chain.prune(T.plusSeconds(5), T.plusSeconds(60)).removed()).isZero();
        assertThat(chain.prune(T.plusSeconds(15), T.plusSeconds(60)).anchorId()).isEqualTo(2);
        assertThat(chain.verify().intact()).isTrue();
    }

    @Test
    void anAnchorMovedByHandPastRecordsStillThereIsFound() {
        appendFive();
        String third = sql.queryForObject("SELECT hash FROM access_record WHERE id = 3", String.class);
        sql.update("UPDATE access_record_anchor SET anchor_id = 3, anchor_hash = ?", third);

        ChainCheck check = chain.verify();

        assertThat(check.brokenAt()).contains(1L);
        assertThat(check.line("s")).contains("at or before the anchor #3");
    }

    private List<Long> ids(AccessRecordQuery query) {
        return chain.find(query).stream().map(ChainedRecord::id).collect(Collectors.toList());
    }
}
