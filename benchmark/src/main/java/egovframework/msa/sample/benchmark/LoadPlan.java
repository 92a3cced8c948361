package egovframework.msa.sample.benchmark;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one Gatling run does: which URLs, how many looping users on each, for how long, and what to
 * break meanwhile. Gatling instantiates {@link BenchSimulation} by class name with no arguments, so the
 * plan of the run in progress is handed over through {@link #current()} (runs are sequential).
 */
public final class LoadPlan {

    /** A chaos action, run on its own thread once the load has started. */
    @FunctionalInterface
    public interface Chaos {
        void run(LoadPlan plan) throws Exception;
    }

    /**
     * Users that loop GET on one URL; {@code name} is the Gatling request name and the route in the figures.
     * {@code authorization} is the Authorization header the requests carry, or null for anonymous ones.
     */
    public static final class Route {
        final String name;
        final String url;
        final int users;
        final String authorization;

        public Route(String name, String url, int users, String authorization) {
            this.name = name;
            this.url = url;
            this.users = users;
            this.authorization = authorization;
        }
    }

    private static final AtomicReference<LoadPlan> CURRENT = new AtomicReference<>();

    final String id;
    final List<Route> routes;
    final Duration duration;
    final boolean expectFallback;
    private final Chaos chaos;
    private final Map<String, Long> marks = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile long started;
    private volatile long deadline = Long.MAX_VALUE;
    private volatile Thread chaosThread;
    private volatile Throwable chaosFailure;

    /**
     * @param id             names the Gatling output directory ({@code <id>-<timestamp>})
     * @param duration       the load stops after this, or earlier when the chaos calls {@link #stopLoad()}
     * @param expectFallback true when customer-service is down on purpose: the fallback is the right answer
     * @param chaos          null for none
     */
    public LoadPlan(String id, List<Route> routes, Duration duration, boolean expectFallback, Chaos chaos) {
        this.id = id;
        this.routes = List.copyOf(routes);
        this.duration = duration;
        this.expectFallback = expectFallback;
        this.chaos = chaos;
    }

    /** The same load without the chaos: the warm-up run. */
    LoadPlan warmUp(Duration warmUp) {
        return new LoadPlan(id + "-warmup", routes, warmUp, expectFallback, null);
    }

    static LoadPlan current() {
        LoadPlan plan = CURRENT.get();
        if (plan == null) {
            throw new IllegalStateException("BenchSimulation runs only through GatlingRunner");
        }
        return plan;
    }

    static void setCurrent(LoadPlan plan) {
        CURRENT.set(plan);
    }

    /** Called from the simulation's before hook: the clock starts and the chaos thread with it. */
    void begin() {
        started = System.currentTimeMillis();
        deadline = started + duration.toMillis();
        if (chaos != null) {
            chaosThread = new Thread(() -> {
                try {
                    chaos.run(this);
                } catch (Throwable e) {
                    chaosFailure = e;
                    stopLoad();
                }
            }, "bench-chaos");
            chaosThread.setDaemon(true);
            chaosThread.start();
        }
    }

    boolean running() {
        return System.currentTimeMillis() < deadline;
    }

    /** Ends the load: every user finishes its request in flight and stops. */
    public void stopLoad() {
        deadline = 0;
    }

    public long started() {
        return started;
    }

    /** Sleeps until {@code offset} after the load started. */
    public void awaitOffset(Duration offset) throws InterruptedException {
        long wait = started + offset.toMillis() - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    /** Records that something happened now (a kill, a restart): drawn on charts, printed with the result. */
    public void mark(String label) {
        marks.put(label, System.currentTimeMillis());
    }

    public Map<String, Long> marks() {
        synchronized (marks) {
            return new LinkedHashMap<>(marks);
        }
    }

    /** After the run: waits for the chaos to finish and rethrows what it threw. */
    void finishChaos(Duration timeout) throws InterruptedException {
        Thread thread = chaosThread;
        if (thread != null) {
            thread.join(timeout.toMillis());
            if (thread.isAlive()) {
                throw new BenchException("the chaos of run " + id + " did not finish within " + timeout.toSeconds() + " s");
            }
        }
        if (chaosFailure != null) {
            throw new BenchException("chaos of run " + id + " failed: " + chaosFailure.getMessage());
        }
    }
}
