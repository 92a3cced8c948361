package egovframework.msa.sample.support.resilience;

import org.slf4j.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts fallback answers and logs them at a rate a person can read: the first one at once, then at most
 * one line per interval with how many there were and the latest cause. Under load a dependency that is
 * down produces thousands of fallbacks a second; one WARN line each would bury everything else.
 * (SLF4J/Logback 1.2 have no rate-limited appender; this is the smallest thing that does it.)
 */
public final class FallbackLog {

    private final Logger log;
    private final String what;
    private final Clock clock;
    private final long intervalMillis;
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong unreported = new AtomicLong();
    private final AtomicLong nextReport = new AtomicLong(Long.MIN_VALUE);
    private final AtomicReference<String> lastCause = new AtomicReference<>("");

    /** {@code what} names the answer in the log line: "Customer lookups served from fallback". */
    public FallbackLog(Logger log, String what, Duration interval, Clock clock) {
        this.log = log;
        this.what = what;
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
    }

    public FallbackLog(Logger log, String what) {
        this(log, what, Duration.ofSeconds(10), Clock.systemUTC());
    }

    /** Records one fallback; writes a line only if the last one was written an interval ago or more. */
    public void record(String cause) {
        total.incrementAndGet();
        unreported.incrementAndGet();
        lastCause.set(cause);
        long now = clock.millis();
        long due = nextReport.get();
        if (now >= due && nextReport.compareAndSet(due, now + intervalMillis)) {
            long count = unreported.getAndSet(0);
            log.warn("{}: {} since the last report ({} in all); latest cause: {}", what, count, total.get(),
                    lastCause.get());
        }
    }

    public long total() {
        return total.get();
    }

    /** The exception and, if different, its root cause: enough to tell a refused connection from a timeout. */
    public static String describe(Throwable cause) {
        if (cause == null) {
            return "no cause reported";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == cause ? cause.toString() : cause + " (caused by " + root + ")";
    }
}
