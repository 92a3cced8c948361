package egovframework.msa.sample.e2e;

import egovframework.msa.sample.benchmark.ScenarioResult;
import egovframework.msa.sample.benchmark.Scenarios;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenarios a-d and i of the load and chaos harness ({@code ./suite bench}), shortened to 15 s at 64
 * connections (i: 10 s of writes at 100/s), so a regression of correctness under load or failure fails the build. Each one leaves the
 * suite as it found it (customer-service back up, no second instance). The figures are printed; only
 * correctness (no error, no fallback where a healthy instance was there) and generous bounds are asserted
 * here, timing goals live in BENCHMARKS.md.
 */
@ExtendWith(RunningSuite.class)
class ResilienceIT {

    private static final Duration RUN = Duration.ofSeconds(15);
    private static final int CONNECTIONS = 64;

    private final Scenarios scenarios = new Scenarios(RunningSuite.launcher(), System.out);

    /**
     * The scenarios put customer-service back but wait for one real answer on the sample route only: the gateway's
     * own route to customer-service and ten answers in a row (the circuit closed) for the next test, whichever it is.
     */
    @AfterEach
    void suiteRoutedAgain() {
        RunningSuite.awaitRouted();
    }

    @Test
    void allHealthyEveryAnswerIsRealDataUnderLoad() {
        assertPassed(scenarios.healthy(RUN, CONNECTIONS));
    }

    @Test
    void customerServiceDownEveryAnswerIsTheFallbackAndFast() {
        ScenarioResult result = scenarios.customerDown(RUN);
        System.out.println("[e2e] " + result.line());
        // Correctness exactly; speed only within a generous bound (the 10 ms / 50 ms targets are the benchmark's).
        assertThat(result.figures()).as(result.line())
                .containsEntry("non2xx", 0.0).containsEntry("real_answers", 0.0).containsEntry("errors", 0.0);
        assertThat(result.figures().get("requests")).as(result.line()).isGreaterThan(100.0);
        assertThat(result.figures().get("p99_ms_64conn")).as(result.line()).isLessThan(1000.0);
        assertThat(RunningSuite.launcher().isRunning("customer-service")).isTrue();
    }

    /**
     * Correctness exactly (no error on either route); the fallback share only within a generous bound. A
     * killed instance costs each lookup in flight on it a retry, and on C1 with seven JVMs, Zipkin and the
     * load generator on 2 cores a few of those outlast Hystrix's 3 s; the 0.1 % goal is the benchmark's (row c).
     */
    @Test
    void anInstanceKilledMidRunCostsNoErrorAndAlmostNoFallback() {
        ScenarioResult result = scenarios.instanceKilled(RUN, CONNECTIONS);
        System.out.println("[e2e] " + result.line());
        assertThat(result.figures().get("catalogs_requests")).as(result.line()).isGreaterThan(100.0);
        assertThat(result.figures()).as(result.line()).containsEntry("non2xx", 0.0).containsEntry("errors", 0.0)
                .containsEntry("customers_non2xx", 0.0);
        assertThat(result.figures().get("catalogs_fallback_pct")).as(result.line()).isLessThanOrEqualTo(2.0);
        assertThat(RunningSuite.launcher().isRunning("customer-service", 2)).isFalse();
    }

    @Test
    void anInstanceTerminatedMidRunCostsNothing() {
        assertPassed(scenarios.instanceTerminated(RUN, CONNECTIONS));
        assertThat(RunningSuite.launcher().isRunning("customer-service", 2)).isFalse();
    }

    /** i: writes at 100/s through the gateway all reach catalogs' read model (the lag is the benchmark's figure). */
    @Test
    void everyWriteUnderLoadReachesTheReadModel() {
        ScenarioResult result = scenarios.readModelLag(Duration.ofSeconds(10), Duration.ZERO);

        assertThat(result.figures().get("writes")).as(result.line()).isEqualTo(10.0 * Scenarios.LAG_WRITES_PER_SECOND);
        assertThat(result.figures().get("failed_writes")).as(result.line()).isZero();
        assertThat(result.figures().get("visible")).as(result.line()).isEqualTo(result.figures().get("writes"));
        assertThat(result.figures().get("lag_p99_ms")).as(result.line()).isLessThan(10_000.0);
    }

    private static void assertPassed(ScenarioResult result) {
        System.out.println("[e2e] " + result.line());
        assertThat(result.figures().getOrDefault("requests", 0.0)).as("requests measured: " + result.line())
                .isGreaterThan(100.0);
        assertThat(result.passed()).as(result.line()).isTrue();
    }
}
