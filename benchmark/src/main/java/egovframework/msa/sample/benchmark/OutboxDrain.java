package egovframework.msa.sample.benchmark;

import egovframework.msa.sample.launcher.Broker;
import egovframework.msa.sample.launcher.SuiteLauncher;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Scenario j, the transactional outbox across a broker outage: the embedded broker is stopped, customers are
 * written through the gateway at a steady rate meanwhile (each must succeed: customer-service commits the
 * change and its event together, whatever the broker does), then the broker is started again. The outbox
 * must hold every write at the end of the outage, drain to 0 once the broker is back, and every write must
 * then show in catalogs' read model. The writing, the visibility check and the clean-up are scenario i's
 * ({@link ReadModelLag}). Only a broker the launcher started is ever stopped.
 */
final class OutboxDrain {

    private static final Duration POLL = Duration.ofMillis(100);

    /** What a run found; NaN seconds where something did not happen within its limit. */
    static final class Result {
        final int writes;
        final int failedWrites;
        final String failures;
        final long pendingAtOutageEnd;
        final double brokerBackSeconds;
        final double drainSeconds;
        final int visible;
        final double visibleSeconds;
        final int deleted;

        Result(int writes, int failedWrites, String failures, long pendingAtOutageEnd, double brokerBackSeconds,
                double drainSeconds, int visible, double visibleSeconds, int deleted) {
            this.writes = writes;
            this.failedWrites = failedWrites;
            this.failures = failures;
            this.pendingAtOutageEnd = pendingAtOutageEnd;
            this.brokerBackSeconds = brokerBackSeconds;
            this.drainSeconds = drainSeconds;
            this.visible = visible;
            this.visibleSeconds = visibleSeconds;
            this.deleted = deleted;
        }

        boolean drained() {
            return !Double.isNaN(drainSeconds);
        }

        /** Rows published per second from the broker's return until the outbox was empty. */
        double drainRate() {
            return drained() && drainSeconds > 0 ? pendingAtOutageEnd / drainSeconds : Double.NaN;
        }

        /**
         * Every write succeeded and was still in the outbox when the broker came back (fewer rows would mean
         * events went out during the "outage"), the outbox drained, and every write reached the read model.
         */
        boolean passed() {
            int succeeded = writes - failedWrites;
            return writes > 0 && failedWrites == 0 && pendingAtOutageEnd >= succeeded && drained() && visible == succeeded;
        }

        String summary(int perSecond, Duration outage) {
            String drain = drained() ? String.format(Locale.ROOT, "drained in %.1f s (%.0f rows/s)", drainSeconds, drainRate())
                    : "NOT drained in time";
            String seen = Double.isNaN(visibleSeconds) ? "not all in time"
                    : String.format(Locale.ROOT, "all %.1f s after the broker was back", visibleSeconds);
            return String.format(Locale.ROOT, "%d writes/s during a %d s broker outage: writes=%d failed=%d%s, outbox"
                            + " pending at its end=%d; broker back in %.1f s, %s; visible=%d (%s); deleted afterwards=%d",
                    perSecond, outage.toSeconds(), writes, failedWrites, failures.isEmpty() ? "" : " (" + failures + ")",
                    pendingAtOutageEnd, brokerBackSeconds, drain, visible, seen, deleted);
        }
    }

    /**
     * Why scenario j cannot run against this suite, if it cannot: it needs the embedded broker, up, because
     * it stops and starts it; an external RabbitMQ is never touched (other people's queues may live there).
     */
    static Optional<String> cannotRun(Broker.Kind kind, String broker, boolean embeddedRunning) {
        String howTo = "./suite down; RABBITMQ_PORT=5673 SUITE_JIT=tiered ./suite up (a port where no RabbitMQ answers);"
                + " ./suite bench j";
        if (kind != Broker.Kind.EMBEDDED) {
            return Optional.of("needs the embedded broker, and the suite uses " + broker + ", which the benchmark"
                    + " never stops: " + howTo);
        }
        if (!embeddedRunning) {
            return Optional.of("the suite's " + broker + " is not running (./suite status): " + howTo);
        }
        return Optional.empty();
    }

    private final SuiteLauncher launcher;
    private final ReadModelLag writer;
    private final OutboxGauge outbox;
    private final PrintStream out;

    OutboxDrain(SuiteLauncher launcher, ReadModelLag writer, OutboxGauge outbox, PrintStream out) {
        this.launcher = launcher;
        this.writer = writer;
        this.outbox = outbox;
        this.out = out;
    }

    /**
     * @param warmUp writes first with the broker up, not counted (they are checked and deleted like scenario i's)
     * @param drainLimit how long the outbox may take to empty after the broker answers again
     * @param visibleLimit how long, after that, the writes may take to show in the read model
     */
    Result run(int perSecond, Duration warmUp, Duration outage, Duration drainLimit, Duration visibleLimit) {
        // Checked before the broker goes down: a gauge that cannot be read would only show up as "never drained".
        if (outbox.pending() < 0) {
            throw new BenchException("cannot read " + OutboxGauge.METRIC + " at " + outbox.where()
                    + " (customer-service's metrics endpoint, operators' login)");
        }
        if (!warmUp.isZero()) {
            // As in scenario i: the first writes of a fresh suite run cold code and time out at the gateway.
            out.println("[bench] writing for " + warmUp.toSeconds() + " s with the broker up to warm up the write path (not counted)");
            writer.run(perSecond, warmUp, visibleLimit);
        }
        // Empty first (the warm-up's deletions go out last), so the rows pending at the end are the outage's writes.
        SuiteProbe.within(drainLimit, POLL, () -> outbox.pending() == 0);
        out.println("[bench] stopping the embedded broker; writing " + perSecond + " customers/s for "
                + outage.toSeconds() + " s meanwhile");
        launcher.stopEmbeddedBroker();
        List<ReadModelLag.Write> writes;
        long pending;
        long restart;
        try {
            writes = writer.write(perSecond, outage);
            pending = outbox.pending();
        } finally {
            restart = System.nanoTime();
            launcher.startEmbeddedBroker();
        }
        long back = System.nanoTime();
        double brokerBack = (back - restart) / 1e9;
        double drain = SuiteProbe.within(drainLimit, POLL, () -> outbox.pending() == 0)
                ? (System.nanoTime() - back) / 1e9 : Double.NaN;
        List<ReadModelLag.Write> succeeded = ReadModelLag.succeeded(writes);
        int visible = writer.appliedLags(succeeded, visibleLimit).size();
        double visibleAfter = visible == succeeded.size() ? (System.nanoTime() - back) / 1e9 : Double.NaN;
        int deleted = writer.delete(succeeded);
        return new Result(writes.size(), writes.size() - succeeded.size(), ReadModelLag.failures(writes), pending,
                brokerBack, drain, visible, visibleAfter, deleted);
    }
}
