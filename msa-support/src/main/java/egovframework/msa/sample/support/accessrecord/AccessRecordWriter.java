package egovframework.msa.sample.support.accessrecord;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes access records to the database on one thread per instance, in small batches, while the requests that
 * made them go on: a request reserves a place ({@link #reserve}) before it touches personal data, hands its
 * record over when it completes ({@link #submit}) and never waits for the insert.
 *
 * <p>Why not insert in the request: every insert takes the lock of the chain's one head row, which all instances
 * share, so with one insert per request every request for personal data in the whole service would wait for
 * every other one's insert and commit. One thread that appends whatever has queued up meanwhile takes that lock
 * once per batch: under load a batch holds many records, at rest one, so a record is written within one round
 * trip of its request either way.
 *
 * <p>Fails closed: places are bounded ({@code queue-capacity}) and a record gives its place back only once it
 * is written. When the database does not take records (down, or slower than the requests), the batch is tried
 * again every {@code retry-interval}, places run out, and requests for personal data are refused with 503
 * ({@link AccessRecordsUnavailableException}) instead of being served without a record. On a graceful stop,
 * after the web server has finished its requests, the queue is written out for at most {@code stop-timeout};
 * a record still not written then is logged in full at ERROR, the only copy left.
 */
final class AccessRecordWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AccessRecordWriter.class);
    /** Stopped after the web server (phases stop from the highest; Boot's web server stops at MAX_VALUE - 1). */
    static final int PHASE = Integer.MAX_VALUE - 2;

    private final Consumer<List<AccessRecord>> append;
    private final int capacity;
    private final int batchSize;
    private final Duration retryInterval;
    private final Duration stopTimeout;
    private final Semaphore places;
    private final BlockingQueue<AccessRecord> queue = new LinkedBlockingQueue<>();

    private volatile Thread thread;
    private volatile boolean stopping;
    private volatile long giveUpAt = Long.MAX_VALUE;
    private boolean failing;

    AccessRecordWriter(Consumer<List<AccessRecord>> append, int capacity, int batchSize, Duration retryInterval,
                       Duration stopTimeout) {
        if (capacity < 1 || batchSize < 1) {
            throw new IllegalArgumentException("queue-capacity and batch-size must be at least 1");
        }
        this.append = append;
        this.capacity = capacity;
        this.batchSize = batchSize;
        this.retryInterval = retryInterval;
        this.stopTimeout = stopTimeout;
        this.places = new Semaphore(capacity);
    }

    /** Takes a place for one record, or refuses: then the request must not touch personal data. */
    void reserve() {
        if (!places.tryAcquire()) {
            throw new AccessRecordsUnavailableException(pending());
        }
    }

    /** Gives back a place that {@link #reserve} took and no record will use. */
    void release() {
        places.release();
    }

    /** Queues a record into the place its request reserved. */
    void submit(AccessRecord record) {
        queue.add(record);
    }

    /** Records reserved, queued or being written: what the database still owes. */
    int pending() {
        return capacity - places.availablePermits();
    }

    int capacity() {
        return capacity;
    }

    @Override
    public void start() {
        Thread writer = new Thread(this::run, "access-record-writer");
        writer.setDaemon(true);
        stopping = false;
        thread = writer;
        writer.start();
    }

    @Override
    public void stop() {
        Thread writer = thread;
        if (writer == null) {
            return;
        }
        giveUpAt = System.nanoTime() + stopTimeout.toNanos();
        stopping = true;
        try {
            writer.join(stopTimeout.plusSeconds(1).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.interrupt();
        thread = null;
        List<AccessRecord> left = new ArrayList<>();
        queue.drainTo(left);
        lost(left);
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void run() {
        List<AccessRecord> batch = new ArrayList<>(batchSize);
        try {
            while (true) {
                AccessRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (stopping) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                write(batch);
                places.release(batch.size());
                batch.clear();
            }
        } catch (InterruptedException e) {
            lost(batch);
        }
    }

    /** Until written; while stopping, until the stop timeout, and then they are logged as lost. */
    private void write(List<AccessRecord> batch) throws InterruptedException {
        while (true) {
            try {
                append.accept(batch);
                if (failing) {
                    failing = false;
                    log.info("Access records are written again ({} waiting)", pending());
                }
                return;
            } catch (RuntimeException e) {
                if (!failing) {
                    failing = true;
                    log.warn("Access records cannot be written, trying again every {} ms; requests for personal data are"
                                    + " refused once {} are waiting: {}", retryInterval.toMillis(), capacity,
                            rootCause(e));
                }
                if (stopping && System.nanoTime() - giveUpAt > 0) {
                    lost(batch);
                    batch.clear();
                    return;
                }
                Thread.sleep(retryInterval.toMillis());
            }
        }
    }

    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }

    private static void lost(List<AccessRecord> records) {
        records.forEach(record -> log.error("Access record not kept (the database did not take it before the stop): {}", record));
    }
}
