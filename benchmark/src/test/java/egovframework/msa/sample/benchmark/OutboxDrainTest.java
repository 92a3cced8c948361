package egovframework.msa.sample.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import egovframework.msa.sample.benchmark.OutboxDrain.Result;
import egovframework.msa.sample.launcher.Broker;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboxDrainTest {

    private static Result result(int failed, long pending, double drainSeconds, int visible) {
        return new Result(1500, failed, failed == 0 ? "" : "503 x" + failed, pending, 3.2, drainSeconds, visible, 9.5,
                1500 - failed);
    }

    @Test
    void theDrainRateIsThePendingRowsOverTheDrainTime() {
        Result r = result(0, 1500, 2.5, 1500);

        assertThat(r.drainRate()).isEqualTo(600.0);
        assertThat(r.passed()).isTrue();
        assertThat(r.summary(50, Duration.ofSeconds(30))).isEqualTo("50 writes/s during a 30 s broker outage:"
                + " writes=1500 failed=0, outbox pending at its end=1500; broker back in 3.2 s, drained in 2.5 s"
                + " (600 rows/s); visible=1500 (all 9.5 s after the broker was back); deleted afterwards=1500");
    }

    @Test
    void aFailedWriteALostEventOrAnOutboxThatNeverEmptiesFails() {
        Result failedWrite = result(1, 1499, 2.5, 1499);
        assertThat(failedWrite.passed()).as("a write failed during the outage").isFalse();
        assertThat(failedWrite.summary(50, Duration.ofSeconds(30))).contains("writes=1500 failed=1 (503 x1), outbox");
        assertThat(result(0, 1500, 2.5, 1499).passed()).as("one write never reached the read model").isFalse();
        assertThat(result(0, 1200, 2.5, 1500).passed()).as("events went out during the outage").isFalse();
        Result stuck = result(0, 1500, Double.NaN, 1500);
        assertThat(stuck.passed()).isFalse();
        assertThat(stuck.drainRate()).isNaN();
        assertThat(stuck.summary(50, Duration.ofSeconds(30))).contains("NOT drained in time");
    }

    @Test
    void onlyARunningEmbeddedBrokerIsEverStopped() {
        assertThat(OutboxDrain.cannotRun(Broker.Kind.EMBEDDED, "embedded Qpid Broker-J at 127.0.0.1:5673", true)).isEmpty();
        assertThat(OutboxDrain.cannotRun(Broker.Kind.EXTERNAL, "RabbitMQ at 127.0.0.1:5672 (external)", true))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .startsWith("needs the embedded broker, and the suite uses RabbitMQ at 127.0.0.1:5672 (external)")
                        .contains("RABBITMQ_PORT=5673 SUITE_JIT=tiered ./suite up"));
        assertThat(OutboxDrain.cannotRun(Broker.Kind.EMBEDDED, "embedded Qpid Broker-J at 127.0.0.1:5673", false))
                .hasValueSatisfying(reason -> assertThat(reason).contains("is not running"));
    }
}
