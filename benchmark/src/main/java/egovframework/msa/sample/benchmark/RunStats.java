package egovframework.msa.sample.benchmark;

import egovframework.msa.sample.benchmark.SimulationLog.Outcome;
import egovframework.msa.sample.benchmark.SimulationLog.Sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Figures of one measured run (or of one route of it): counts per {@link Outcome}, latency percentiles,
 * throughput, and the same per second for charts.
 *
 * <p>Gatling logs whole milliseconds, and the gateway adds well under one, so percentiles are
 * interpolated within the millisecond: a logged {@code k} ms stands for {@code k-0.5 .. k+0.5} ms, the
 * usual estimate for grouped data. Without that, a 0.5 ms target could only ever read 0 or 1 ms.
 */
public final class RunStats {

    /** One second of the run, counted by the second in which each request ended. */
    public static final class Bucket {
        public final int second;
        public final long requests;
        public final long non2xx;
        public final long fallbacks;
        public final long errors;
        public final double p50;
        public final double p99;

        Bucket(int second, RunStats stats) {
            this.second = second;
            this.requests = stats.requests;
            this.non2xx = stats.non2xx;
            this.fallbacks = stats.fallbacks;
            this.errors = stats.errors;
            this.p50 = stats.p50;
            this.p99 = stats.p99;
        }
    }

    private final List<Sample> samples;
    private final long origin;
    public final long requests;
    public final long ok;
    public final long non2xx;
    public final long fallbacks;
    public final long realAnswers;
    public final long errors;
    public final double p50;
    public final double p99;
    public final double mean;
    /** Requests per second between the first start and the last end. */
    public final double throughput;

    private RunStats(List<Sample> samples, long origin) {
        this.samples = samples;
        this.origin = origin;
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, 0L);
        }
        samples.forEach(s -> counts.merge(s.outcome, 1L, Long::sum));
        this.requests = samples.size();
        this.ok = counts.get(Outcome.OK);
        this.non2xx = counts.get(Outcome.NON_2XX);
        this.fallbacks = counts.get(Outcome.FALLBACK);
        this.realAnswers = counts.get(Outcome.REAL_ANSWER);
        this.errors = counts.get(Outcome.ERROR);
        int[] millis = samples.stream().mapToInt(Sample::millis).sorted().toArray();
        this.p50 = percentile(millis, 0.50);
        this.p99 = percentile(millis, 0.99);
        this.mean = samples.isEmpty() ? Double.NaN : Arrays.stream(millis).average().orElse(Double.NaN);
        long first = samples.stream().mapToLong(s -> s.start).min().orElse(0);
        long last = samples.stream().mapToLong(s -> s.end).max().orElse(0);
        this.throughput = last > first ? requests * 1000.0 / (last - first) : Double.NaN;
    }

    /** {@code origin}: epoch ms of second 0 (when the load started), so chaos marks line up with buckets. */
    public static RunStats of(List<Sample> samples, long origin) {
        return new RunStats(List.copyOf(samples), origin);
    }

    /** The same figures for the requests of one route (Gatling request name). */
    public RunStats route(String name) {
        return filter(s -> s.route.equals(name));
    }

    public long origin() {
        return origin;
    }

    public List<Bucket> buckets() {
        Map<Integer, List<Sample>> bySecond = samples.stream().collect(Collectors.groupingBy(
                s -> (int) Math.max(0, (s.end - origin) / 1000), TreeMap::new, Collectors.toList()));
        List<Bucket> buckets = new ArrayList<>();
        bySecond.forEach((second, inSecond) -> buckets.add(new Bucket(second, new RunStats(inSecond, origin))));
        return buckets;
    }

    /** The most frequent failure messages, most frequent first: what to look at when a run fails. */
    public Map<String, Long> topFailures(int limit) {
        Map<String, Long> byMessage = samples.stream().filter(s -> s.outcome != Outcome.OK)
                .collect(Collectors.groupingBy(s -> s.message, Collectors.counting()));
        Map<String, Long> top = new LinkedHashMap<>();
        byMessage.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Collections.reverseOrder()))
                .limit(limit).forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    private RunStats filter(Predicate<Sample> predicate) {
        return new RunStats(samples.stream().filter(predicate).collect(Collectors.toList()), origin);
    }

    /**
     * Percentile {@code q} (0..1) of whole-millisecond values, sorted ascending, interpolated within the
     * millisecond that holds rank {@code q*n}. NaN for no values.
     */
    static double percentile(int[] sorted, double q) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        double rank = q * n;
        int index = Math.min(n - 1, Math.max(0, (int) Math.ceil(rank) - 1));
        int value = sorted[index];
        int below = lowerBound(sorted, value);
        int equal = lowerBound(sorted, value + 1) - below;
        double estimate = value - 0.5 + Math.max(0, rank - below) / equal;
        return Math.max(0, estimate);
    }

    /** Index of the first element not less than {@code key}. */
    private static int lowerBound(int[] sorted, int key) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < key) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
