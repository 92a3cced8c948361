package egovframework.msa.sample.support.accessrecord;

import java.time.Duration;
import java.util.Objects;

/**
 * Walks a chain of access records in id order and finds the first one that is not as it was written: the
 * chain starts after the anchor (what pruning left) and ends at the head (what the writers last appended).
 *
 * <p>What it finds: a record whose fields were changed (its hash no longer fits them); a record whose fields
 * and hash were both rewritten (the next record no longer carries its hash); a removed record (a gap in the
 * ids); records removed from the end (the head names a later one); a record added outside the chain (beyond
 * the head); the anchor moved past records still there. What a hash chain without a secret cannot find: a
 * rewrite of every record from some point to the end together with the head, by someone who may change rows
 * (never the service's own login, which may only insert). The monthly check's line names the last record and
 * its hash, so keeping those lines elsewhere (the cluster's log store) shows such a rewrite at the next check.
 */
final class ChainWalk {

    private final long anchorId;
    private final long headId;
    private final String headHash;
    private final long begin = System.nanoTime();

    private long expectedId;
    private String expectedPrevious;
    private long records;
    private Long brokenAt;
    private String problem;

    ChainWalk(long anchorId, String anchorHash, long headId, String headHash) {
        this.anchorId = anchorId;
        this.headId = headId;
        this.headHash = headHash;
        this.expectedId = anchorId + 1;
        this.expectedPrevious = Objects.requireNonNull(anchorHash);
    }

    /** The next record in id order; ignored once the chain is found broken. */
    void accept(ChainedRecord record) {
        if (brokenAt != null) {
            return;
        }
        long id = record.id();
        if (id <= anchorId) {
            broken(id, "it lies at or before the anchor #" + anchorId + ", where the kept chain starts: the anchor was moved"
                    + " past records that are still there");
        } else if (id > headId) {
            broken(id, "it lies beyond the head, which names #" + headId + " as the last record: it was added outside the chain");
        } else if (id != expectedId) {
            broken(expectedId, "it is missing (removed): the next record there is #" + id);
        } else if (!record.fieldsMatchHash()) {
            broken(id, "its fields do not match its hash: it was changed after it was written");
        } else if (!record.previousHash().equals(expectedPrevious)) {
            broken(id, id == anchorId + 1 ? "it does not carry the anchor's hash: the anchor or this record was rewritten"
                    : "it does not carry the hash of record #" + (id - 1) + ": that record was rewritten, hash and all");
        } else {
            records++;
            expectedId = id + 1;
            expectedPrevious = record.hash();
        }
    }

    ChainCheck finish() {
        if (brokenAt == null && expectedId <= headId) {
            broken(expectedId, "it is missing, and so is every record after it up to #" + headId
                    + ", the last one the head names (removed from the end)");
        }
        if (brokenAt == null && !expectedPrevious.equals(headHash)) {
            broken(headId, "its hash is not the one the head holds for the last record: the head or this record was rewritten");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        return brokenAt == null ? ChainCheck.intact(records, anchorId, headId, expectedPrevious, took)
                : ChainCheck.broken(records, anchorId, brokenAt, problem, took);
    }

    private void broken(long id, String why) {
        brokenAt = id;
        problem = why;
    }
}
