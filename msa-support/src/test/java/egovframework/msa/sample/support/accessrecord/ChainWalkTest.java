package egovframework.msa.sample.support.accessrecord;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The chain's rules on records in memory: what a change, a removal or an addition looks like to verify. */
class ChainWalkTest {

    private static final Instant T = Instant.parse("2026-03-01T00:00:00.123456Z");

    static AccessRecord record(int n) {
        return new AccessRecord(T.plusSeconds(n), "user-" + n, "127.0.0.1", AccessAction.READ, List.of(Integer.toString(n)),
                "ok", "0af7651916cd43dd8448eb211c80319c");
    }

    /** Records 1..n chained from the genesis hash. */
    static List<ChainedRecord> chain(int n) {
        List<ChainedRecord> chain = new ArrayList<>();
        String previous = RecordHash.GENESIS;
        for (int i = 1; i <= n; i++) {
            ChainedRecord next = ChainedRecord.append(i, record(i), previous);
            chain.add(next);
            previous = next.hash();
        }
        return chain;
    }

    private static ChainCheck walk(List<ChainedRecord> records, long anchorId, String anchorHash, long headId, String headHash) {
        ChainWalk walk = new ChainWalk(anchorId, anchorHash, headId, headHash);
        records.forEach(walk::accept);
        return walk.finish();
    }

    private static ChainCheck walk(List<ChainedRecord> records, List<ChainedRecord> asWritten) {
        ChainedRecord last = asWritten.get(asWritten.size() - 1);
        return walk(records, 0, RecordHash.GENESIS, last.id(), last.hash());
    }

    @Test
    void anUntouchedChainIsIntactAndItsLineNamesTheLastRecordAndHash() {
        List<ChainedRecord> chain = chain(5);

        ChainCheck check = walk(chain, chain);

        assertThat(check.intact()).isTrue();
        assertThat(check.records()).isEqualTo(5);
        assertThat(check.line("customer-service")).startsWith("customer-service: access records intact: 5 records (#1 to #5)")
                .endsWith("last #5 hash " + chain.get(4).hash());
        assertThat(walk(List.of(), 0, RecordHash.GENESIS, 0, RecordHash.GENESIS).line("catalogs-service"))
                .isEqualTo("catalogs-service: access records intact: no records yet");
    }

    @Test
    void aChangedFieldIsFoundAtItsRecord() {
        List<ChainedRecord> chain = chain(5);
        List<ChainedRecord> changed = new ArrayList<>(chain);
        ChainedRecord third = chain.get(2);
        AccessRecord other = new AccessRecord(third.record().accessedAt(), third.record().account(), "10.0.0.9",
                third.record().action(), third.record().customerIds(), third.record().result(), third.record().traceId().orElse(null));
        changed.set(2, new ChainedRecord(3, other, third.previousHash(), third.hash()));

        ChainCheck check = walk(changed, chain);

        assertThat(check.intact()).isFalse();
        assertThat(check.brokenAt()).contains(3L);
        assertThat(check.line("customer-service")).startsWith("customer-service: access records BROKEN at record #3: its fields"
                + " do not match its hash").contains("2 records before it intact");
    }

    @Test
    void aRecordRewrittenWithItsHashIsFoundAtTheNextOne() {
        List<ChainedRecord> chain = chain(5);
        List<ChainedRecord> rewritten = new ArrayList<>(chain);
        AccessRecord other = new AccessRecord(T, "someone-else", "127.0.0.1", AccessAction.READ, List.of("3"), "ok", null);
        rewritten.set(2, ChainedRecord.append(3, other, chain.get(1).hash()));

        ChainCheck check = walk(rewritten, chain);

        assertThat(check.brokenAt()).contains(4L);
        assertThat(check.line("s")).contains("does not carry the hash of record #3");
    }

    @Test
    void aRemovedRecordInTheMiddleIsNamed() {
        List<ChainedRecord> chain = chain(5);
        List<ChainedRecord> gap = new ArrayList<>(chain);
        gap.remove(1);

        ChainCheck check = walk(gap, chain);

        assertThat(check.brokenAt()).contains(2L);
        assertThat(check.line("s")).contains("BROKEN at record #2: it is missing (removed): the next record there is #3");
    }

    @Test
    void recordsRemovedFromTheEndAreFoundByTheHead() {
        List<ChainedRecord> chain = chain(5);

        ChainCheck check = walk(chain.subList(0, 3), chain);

        assertThat(check.brokenAt()).contains(4L);
        assertThat(check.line("s")).contains("record #4: it is missing, and so is every record after it up to #5");
    }

    @Test
    void theLastRecordRewrittenIsFoundByTheHeadsHash() {
        List<ChainedRecord> chain = chain(3);
        List<ChainedRecord> rewritten = new ArrayList<>(chain.subList(0, 2));
        rewritten.add(ChainedRecord.append(3, record(99), chain.get(1).hash()));

        ChainCheck check = walk(rewritten, chain);

        assertThat(check.brokenAt()).contains(3L);
        assertThat(check.line("s")).contains("its hash is not the one the head holds");
    }

    @Test
    void aRecordAddedBeyondTheHeadIsNamed() {
        List<ChainedRecord> chain = chain(4);

        ChainCheck check = walk(chain, 0, RecordHash.GENESIS, 3, chain.get(2).hash());

        assertThat(check.brokenAt()).contains(4L);
        assertThat(check.line("s")).contains("beyond the head");
    }

    @Test
    void afterPruningTheKeptChainStartsAtTheAnchorAndAnAnchorMovedPastKeptRecordsIsFound() {
        List<ChainedRecord> chain = chain(5);
        String anchorHash = chain.get(1).hash();

        ChainCheck pruned = walk(chain.subList(2, 5), 2, anchorHash, 5, chain.get(4).hash());
        assertThat(pruned.intact()).isTrue();
        assertThat(pruned.line("s")).contains("3 records (#3 to #5; #1 to #2 pruned)");

        ChainCheck moved = walk(chain, 2, anchorHash, 5, chain.get(4).hash());
        assertThat(moved.brokenAt()).contains(1L);
        assertThat(moved.line("s")).contains("at or before the anchor #2");
    }

    @Test
    void theEncodingKeepsFieldsApart() {
        AccessRecord a = new AccessRecord(T, "ab", "c", AccessAction.READ, List.of("1", "2"), "ok", null);
        AccessRecord b = new AccessRecord(T, "a", "bc", AccessAction.READ, List.of("1", "2"), "ok", null);
        AccessRecord c = new AccessRecord(T, "ab", "c", AccessAction.READ, List.of("12"), "ok", null);
        AccessRecord d = new AccessRecord(T, "ab", "c", AccessAction.READ, List.of("1", "2"), "ok", "-");

        assertThat(List.of(RecordHash.of(1, a, RecordHash.GENESIS), RecordHash.of(1, b, RecordHash.GENESIS),
                RecordHash.of(1, c, RecordHash.GENESIS), RecordHash.of(1, d, RecordHash.GENESIS),
                RecordHash.of(2, a, RecordHash.GENESIS))).doesNotHaveDuplicates()
                .allSatisfy(hash -> assertThat(hash).matches("[0-9a-f]{64}"));
        // The same record always hashes alike: the chain can be checked by anyone, anywhere, later.
        assertThat(RecordHash.of(1, a, RecordHash.GENESIS)).isEqualTo(RecordHash.of(1,
                new AccessRecord(T, "ab", "c", AccessAction.READ, List.of("1", "2"), "ok", null), RecordHash.GENESIS));
    }

    @Test
    void aRecordKeepsMicrosecondsAndCutsAnOverlongAccount() {
        AccessRecord record = new AccessRecord(Instant.parse("2026-03-01T00:00:00.123456789Z"), "x".repeat(300), "::1",
                AccessAction.LIST, List.of(), "ok", "");

        assertThat(record.accessedAt()).isEqualTo(Instant.parse("2026-03-01T00:00:00.123456Z"));
        assertThat(record.account()).hasSize(AccessRecord.MAX_ACCOUNT).endsWith("…");
        assertThat(record.traceId()).isEmpty();
    }
}
