package egovframework.msa.sample.support.accessrecord;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What verifying a chain of access records found: intact (how many records, the last one and its hash), or
 * broken at a named record and why. {@link #line} is the one line the one-off verify, the actuator endpoint
 * and {@code ./suite access-records verify} print.
 */
public final class ChainCheck {

    private final long records;
    private final long anchorId;
    private final long lastId;
    private final String lastHash;
    private final Long brokenAt;
    private final String problem;
    private final Duration took;

    private ChainCheck(long records, long anchorId, long lastId, String lastHash, Long brokenAt, String problem,
                       Duration took) {
        this.records = records;
        this.anchorId = anchorId;
        this.lastId = lastId;
        this.lastHash = lastHash;
        this.brokenAt = brokenAt;
        this.problem = problem;
        this.took = took;
    }

    static ChainCheck intact(long records, long anchorId, long lastId, String lastHash, Duration took) {
        return new ChainCheck(records, anchorId, lastId, lastHash, null, null, took);
    }

    /** @param verified how many records before {@code brokenAt} were found intact */
    static ChainCheck broken(long verified, long anchorId, long brokenAt, String problem, Duration took) {
        return new ChainCheck(verified, anchorId, 0, null, brokenAt, problem, took);
    }

    public boolean intact() {
        return brokenAt == null;
    }

    /** Intact: the records checked; broken: those found intact before the broken one. */
    public long records() {
        return records;
    }

    /** The first record that is not as it was written (or the first missing one). */
    public Optional<Long> brokenAt() {
        return Optional.ofNullable(brokenAt);
    }

    public Duration took() {
        return took;
    }

    /** The one line for operators, prefixed with the service's name. */
    public String line(String service) {
        return service + ": " + summary();
    }

    /** What the line says, without whose chain it is: "access records intact: ..." or "access records BROKEN ...". */
    public String summary() {
        String seconds = String.format(Locale.ROOT, "%.1f s", took.toMillis() / 1000.0);
        if (!intact()) {
            return String.format(Locale.ROOT, "access records BROKEN at record #%d: %s (%s before it intact; checked in %s)",
                    brokenAt, problem, count(records), seconds);
        }
        String pruned = anchorId == 0 ? "" : String.format(Locale.ROOT, "#1 to #%d pruned", anchorId);
        if (records == 0) {
            return "access records intact: " + (anchorId == 0 ? "no records yet" : "none kept (" + pruned + ")");
        }
        // The last hash in full: the monthly check's log line is then a copy of the chain's end kept outside the
        // database, against which a later check can tell if records were cut off the end and the head rewritten.
        return String.format(Locale.ROOT, "access records intact: %s (#%d to #%d%s) checked in %s; last #%d hash %s",
                count(records), anchorId + 1, lastId, anchorId == 0 ? "" : "; " + pruned, seconds, lastId, lastHash);
    }

    /** 1 record, 12,345 records. */
    static String count(long records) {
        return String.format(Locale.ROOT, "%,d record%s", records, records == 1 ? "" : "s");
    }

    /** For the actuator endpoint: the same facts as fields. */
    Map<String, Object> toMap(String service) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("intact", intact());
        map.put("records", records);
        map.put("anchorId", anchorId);
        if (intact()) {
            map.put("lastId", lastId);
            map.put("lastHash", lastHash);
        } else {
            map.put("brokenAt", brokenAt);
            map.put("problem", problem);
        }
        map.put("tookMs", took.toMillis());
        map.put("line", line(service));
        return map;
    }
}
