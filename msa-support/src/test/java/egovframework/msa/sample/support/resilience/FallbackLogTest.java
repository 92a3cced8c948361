package egovframework.msa.sample.support.resilience;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class FallbackLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger("fallback-log-test");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };

    @BeforeEach
    void attach() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
    }

    @Test
    void firstFallbackIsLoggedAtOnceAndTheRestAsOneCountedLinePerInterval() {
        FallbackLog log = new FallbackLog(logger, "Lookups served from fallback", Duration.ofSeconds(10), clock);

        log.record("refused");
        IntStream.range(0, 999).forEach(i -> log.record("refused " + i));
        assertThat(lines.list).hasSize(1);
        assertThat(lines.list.get(0).getFormattedMessage())
                .isEqualTo("Lookups served from fallback: 1 since the last report (1 in all); latest cause: refused");

        now.addAndGet(10_000);
        log.record("timed out");
        assertThat(lines.list).hasSize(2);
        assertThat(lines.list.get(1).getFormattedMessage())
                .isEqualTo("Lookups served from fallback: 1000 since the last report (1001 in all); latest cause: timed out");
        assertThat(log.total()).isEqualTo(1001);
    }

    @Test
    void concurrentFallbacksAreAllCountedAndLoggedOnce() throws InterruptedException {
        FallbackLog log = new FallbackLog(logger, "x", Duration.ofSeconds(10), clock);
        Thread[] threads = IntStream.range(0, 8).mapToObj(t -> new Thread(() -> {
            for (int i = 0; i < 10_000; i++) {
                log.record("c");
            }
        })).toArray(Thread[]::new);
        for (Thread thread : threads) {
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(log.total()).isEqualTo(80_000);
        assertThat(lines.list).hasSize(1);
    }

    @Test
    void describeNamesTheRootCause() {
        Exception cause = new IllegalStateException("I/O error", new java.net.ConnectException("Connection refused"));
        assertThat(FallbackLog.describe(cause)).contains("I/O error").contains("Connection refused");
        assertThat(FallbackLog.describe(null)).isEqualTo("no cause reported");
    }
}
