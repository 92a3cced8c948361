package egovframework.msa.sample.support.accessrecord;

import java.util.Objects;

/** An access record as the chain holds it: its place (id), the hash of the record before it, and its own hash. */
public final class ChainedRecord {

    private final long id;
    private final AccessRecord record;
    private final String previousHash;
    private final String hash;

    ChainedRecord(long id, AccessRecord record, String previousHash, String hash) {
        this.id = id;
        this.record = Objects.requireNonNull(record);
        this.previousHash = Objects.requireNonNull(previousHash);
        this.hash = Objects.requireNonNull(hash);
    }

    /** Follows {@code previousHash} as record {@code id}. */
    static ChainedRecord append(long id, AccessRecord record, String previousHash) {
        return new ChainedRecord(id, record, previousHash, RecordHash.of(id, record, previousHash));
    }

    public long id() {
        return id;
    }

    public AccessRecord record() {
        return record;
    }

    public String previousHash() {
        return previousHash;
    }

    public String hash() {
        return hash;
    }

    /** Whether the stored hash is still the hash of the stored fields. */
    boolean fieldsMatchHash() {
        return RecordHash.of(id, record, previousHash).equals(hash);
    }
}
