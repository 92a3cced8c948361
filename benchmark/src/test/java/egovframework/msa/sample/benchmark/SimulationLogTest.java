package egovframework.msa.sample.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import egovframework.msa.sample.benchmark.SimulationLog.Outcome;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationLogTest {

    private static final long T0 = 1_700_000_000_000L;

    /** A small log as Gatling 3.9 writes it: tab-separated, empty group field, space for "no message". */
    private static final List<String> LOG = List.of(
            "RUN\tegovframework.msa.sample.benchmark.BenchSimulation\ta-healthy\t" + T0 + "\ta-healthy\t3.9.5",
            "USER\tcatalogs\tSTART\t" + T0,
            "REQUEST\t\tcatalogs\t" + (T0 + 10) + "\t" + (T0 + 12) + "\tOK\t ",
            "REQUEST\t\tcatalogs\t" + (T0 + 20) + "\t" + (T0 + 23) + "\tOK\t ",
            "REQUEST\t\tcatalogs\t" + (T0 + 900) + "\t" + (T0 + 1_004) + "\tKO\tnon-2xx, found 503",
            "REQUEST\t\tcatalogs\t" + (T0 + 1_100) + "\t" + (T0 + 1_101) + "\tKO\tfallback answer, found 22",
            "REQUEST\t\tcustomers\t" + (T0 + 1_200) + "\t" + (T0 + 1_205) + "\tOK\t ",
            "REQUEST\t\tcustomers\t" + (T0 + 1_300) + "\t" + (T0 + 11_300) + "\tKO\tRequest timeout to 127.0.0.1/127.0.0.1:8000 after 10000 ms",
            "REQUEST\t\tcatalogs\t" + (T0 + 2_000) + "\t" + (T0 + 2_001) + "\tKO\treal answer, found nothing",
            "USER\tcatalogs\tEND\t" + (T0 + 12_000));

    @Test
    void classifiesEachFailureByTheNameOfTheCheckThatFailed() {
        assertThat(SimulationLog.classify("OK", "")).isEqualTo(Outcome.OK);
        assertThat(SimulationLog.classify("KO", "non-2xx, found 503")).isEqualTo(Outcome.NON_2XX);
        assertThat(SimulationLog.classify("KO", "fallback answer, found 22")).isEqualTo(Outcome.FALLBACK);
        assertThat(SimulationLog.classify("KO", "real answer, found nothing")).isEqualTo(Outcome.REAL_ANSWER);
        assertThat(SimulationLog.classify("KO", "j.n.ConnectException: Connection refused")).isEqualTo(Outcome.ERROR);
    }

    @Test
    void readsOnlyRequestRecordsAndCountsOutcomes(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("simulation.log");
        Files.write(log, LOG, StandardCharsets.UTF_8);

        RunStats all = RunStats.of(SimulationLog.read(log), T0);

        assertThat(all.requests).isEqualTo(7);
        assertThat(all.ok).isEqualTo(3);
        assertThat(all.non2xx).isEqualTo(1);
        assertThat(all.fallbacks).isEqualTo(1);
        assertThat(all.realAnswers).isEqualTo(1);
        assertThat(all.errors).isEqualTo(1);
        // from the first start (T0+10) to the last end (T0+11300)
        assertThat(all.throughput).isCloseTo(7 * 1000.0 / 11_290, within(1e-9));
        assertThat(all.topFailures(1)).hasSize(1);

        RunStats customers = all.route("customers");
        assertThat(customers.requests).isEqualTo(2);
        assertThat(customers.errors).isEqualTo(1);
        assertThat(all.route("catalogs").requests).isEqualTo(5);
    }

    @Test
    void bucketsRequestsByTheSecondTheyEnded() {
        RunStats all = RunStats.of(SimulationLog.parse(LOG), T0);

        List<RunStats.Bucket> buckets = all.buckets();

        assertThat(buckets).extracting(b -> b.second).containsExactly(0, 1, 2, 11);
        RunStats.Bucket first = buckets.get(0);
        assertThat(first.requests).isEqualTo(2); // ended at T0+12 and T0+23
        assertThat(first.non2xx + first.fallbacks + first.errors).isZero();
        assertThat(first.p50).isCloseTo(2.5, within(1e-9)); // 2 and 3 ms: rank 1 of 2 -> 2 - 0.5 + 1/1
        RunStats.Bucket second = buckets.get(1);
        assertThat(second.requests).isEqualTo(3); // ended at 1004, 1101, 1205
        assertThat(second.non2xx).isEqualTo(1);
        assertThat(second.fallbacks).isEqualTo(1);
        assertThat(buckets.get(3).errors).isEqualTo(1);
        assertThat(buckets.get(3).p99).isCloseTo(10_000.49, within(1e-9));
    }

    @Test
    void percentilesInterpolateWithinTheMillisecond() {
        // 100 requests of 1 ms: the median of what was 0.5 .. 1.5 ms is 1.0
        int[] ones = new int[100];
        java.util.Arrays.fill(ones, 1);
        assertThat(RunStats.percentile(ones, 0.50)).isCloseTo(1.0, within(1e-9));
        assertThat(RunStats.percentile(ones, 0.99)).isCloseTo(1.49, within(1e-9));

        // 50 x 0 ms and 50 x 1 ms: the median is the boundary between them
        int[] half = new int[100];
        java.util.Arrays.fill(half, 50, 100, 1);
        assertThat(RunStats.percentile(half, 0.50)).isCloseTo(0.5, within(1e-9));

        // 1..100 ms: p99 falls in the 99 ms bucket, p50 in the 50 ms one
        int[] ramp = java.util.stream.IntStream.rangeClosed(1, 100).toArray();
        assertThat(RunStats.percentile(ramp, 0.99)).isCloseTo(99.5, within(1e-9));
        assertThat(RunStats.percentile(ramp, 0.50)).isCloseTo(50.5, within(1e-9));

        assertThat(RunStats.percentile(new int[] {0}, 0.5)).isZero();
        assertThat(RunStats.percentile(new int[0], 0.5)).isNaN();
    }

    @Test
    void anEmptyRunHasNoFiguresButDoesNotFail() {
        RunStats none = RunStats.of(List.of(), T0);
        assertThat(none.requests).isZero();
        assertThat(none.p99).isNaN();
        assertThat(none.throughput).isNaN();
        assertThat(none.buckets()).isEmpty();
        assertThat(none.topFailures(3)).isEqualTo(Map.of());
    }
}
