package egovframework.msa.sample.support.accessrecord;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.time.Instant;

/**
 * The hash that chains access records: SHA-256 over a canonical encoding of the record's id, its fields and the
 * previous record's hash, as 64 lower-case hex digits. The encoding writes every field as its length in UTF-8
 * bytes, a colon and the bytes (a missing trace id as "-"), so no two different records encode alike: no
 * separator inside a value can shift a field into the next. The time is counted in microseconds since the
 * epoch, the precision the databases keep.
 */
final class RecordHash {

    /** The previous hash of the first record ever written: there is none. */
    static final String GENESIS = "0".repeat(64);
    /** Names the encoding, so a later one can never produce the hash of this one. */
    private static final String VERSION = "egov-access-record-v1";

    private RecordHash() {
    }

    static String of(long id, AccessRecord record, String previousHash) {
        StringBuilder canonical = new StringBuilder(256);
        field(canonical, VERSION);
        field(canonical, Long.toString(id));
        field(canonical, Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, record.accessedAt())));
        field(canonical, record.account());
        field(canonical, record.clientAddress());
        field(canonical, record.action().word());
        field(canonical, Integer.toString(record.customerIds().size()));
        record.customerIds().forEach(customer -> field(canonical, customer));
        field(canonical, record.result());
        field(canonical, record.traceId().orElse(null));
        field(canonical, previousHash);
        return hex(sha256().digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void field(StringBuilder canonical, String value) {
        if (value == null) {
            canonical.append('-');
            return;
        }
        canonical.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }
}
