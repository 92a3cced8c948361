package egovframework.msa.sample.support.accessrecord;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The writer thread: batches, a bounded number of places (refusal when full), retries, and what a stop writes out. */
@ExtendWith(OutputCaptureExtension.class)
class AccessRecordWriterTest {

    private final List<List<AccessRecord>> batches = new CopyOnWriteArrayList<>();
    private AccessRecordWriter writer;

    @AfterEach
    void stop() {
        if (writer != null && writer.isRunning()) {
            writer.stop();
        }
    }

    private static AccessRecord record(int n) {
        return new AccessRecord(Instant.EPOCH.plusSeconds(n), "user", "127.0.0.1", AccessAction.READ,
                List.of(Integer.toString(n)), "ok", null);
    }

    private AccessRecordWriter started(Consumer<List<AccessRecord>> append, int capacity, Duration stopTimeout) {
        writer = new AccessRecordWriter(append, capacity, 100, Duration.ofMillis(20), stopTimeout);
        writer.start();
        return writer;
    }

    private void submit(int from, int to) {
        for (int n = from; n <= to; n++) {
            writer.reserve();
            writer.submit(record(n));
        }
    }

    private List<Integer> written() {
        return batches.stream().flatMap(List::stream).map(r -> Integer.parseInt(r.customerIds().get(0)))
                .collect(Collectors.toList());
    }

    @Test
    void whatQueuesWhileABatchIsWrittenGoesInTheNextBatchUpToTheBatchSize() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        started(batch -> {
            if (batches.isEmpty()) {
                firstStarted.countDown();
                await(release);
            }
            batches.add(List.copyOf(batch));
        }, 1000, Duration.ofSeconds(5));

        submit(1, 1);
        assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
        submit(2, 251);
        release.countDown();
        eventually(() -> written().size() == 251);

        assertThat(batches.stream().map(List::size).collect(Collectors.toList())).containsExactly(1, 100, 100, 50);
        assertThat(written()).as("in the order the requests handed them over").isSorted().doesNotHaveDuplicates();
        eventually(() -> writer.pending() == 0);
    }

    @Test
    void whenEveryPlaceIsTakenARequestIsRefusedUntilRecordsAreWritten(CapturedOutput output) throws Exception {
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch databaseBack = new CountDownLatch(1);
        started(batch -> {
            if (databaseBack.getCount() > 0) {
                failures.incrementAndGet();
                throw new IllegalStateException("Connection refused");
            }
            batches.add(List.copyOf(batch));
        }, 10, Duration.ofSeconds(5));

        submit(1, 10);
        assertThatThrownBy(writer::reserve).isInstanceOf(AccessRecordsUnavailableException.class)
                .hasMessageContaining("10 waiting");
        eventually(() -> failures.get() >= 3);
        assertThat(output.getOut()).containsOnlyOnce("Access records cannot be written, trying again every 20 ms");

        databaseBack.countDown();
        eventually(() -> writer.pending() == 0);
        writer.reserve();
        writer.release();
        assertThat(written()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(output.getOut()).contains("Access records are written again");
    }

    @Test
    void aGracefulStopWritesTheQueueOutFirst() {
        started(batch -> {
            sleep(5);
            batches.add(List.copyOf(batch));
        }, 1000, Duration.ofSeconds(10));
        submit(1, 500);

        writer.stop();

        assertThat(written()).hasSize(500);
        assertThat(writer.isRunning()).isFalse();
    }

    @Test
    void recordsTheDatabaseDoesNotTakeBeforeTheStopTimeoutAreLoggedInFull(CapturedOutput output) {
        started(batch -> {
            throw new IllegalStateException("Connection refused");
        }, 100, Duration.ofMillis(300));
        submit(1, 3);

        writer.stop();

        assertThat(output.getOut()).contains("Access record not kept (the database did not take it before the stop): "
                + record(1)).contains(record(2).toString()).contains(record(3).toString());
    }

    private static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as("within 10 s").isTrue();
            sleep(10);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
