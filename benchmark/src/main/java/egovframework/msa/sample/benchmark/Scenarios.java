package egovframework.msa.sample.benchmark;

import egovframework.msa.sample.benchmark.GatlingRunner.Measured;
import egovframework.msa.sample.benchmark.ScenarioResult.Verdict;
import egovframework.msa.sample.launcher.Broker;
import egovframework.msa.sample.launcher.ServiceSpec;
import egovframework.msa.sample.launcher.DevelopmentTokens;
import egovframework.msa.sample.launcher.SuiteLauncher;
import egovframework.msa.sample.launcher.Topology;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The benchmark scenarios a to l against a running suite. Each one loads the suite through Gatling,
 * breaks something on the way if that is the point, puts the suite back as it found it, prints its
 * result line and returns it. Loads are GETs of customer 1234 (i and j write customers of their own and
 * delete them again), on this machine only ({@link Loopback}), and end by themselves.
 */
public final class Scenarios {

    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);
    public static final Duration DEFAULT_OUTAGE = Duration.ofSeconds(300);
    public static final int DEFAULT_HEALTHY_CONNECTIONS = 256;
    public static final int DEFAULT_CONNECTIONS = 64;

    private static final String CUSTOMER = "customer-service";
    private static final String CUSTOMER_ROUTE = "/customers/1234";
    /**
     * After Eureka lists a new instance, callers route to it once their caches caught up
     * (config-repo/application.yml): registry fetch 2 s + Ribbon server-list refresh 2 s, plus margin.
     */
    private static final Duration ROUTING_SETTLE = Duration.ofSeconds(8);
    /** A killed instance stays listed until its lease (15 s) expires and an eviction pass (every 5 s) runs. */
    private static final Duration EVICTION = Duration.ofSeconds(90);
    /** From a restarted customer-service to real answers through the gateway, with margin for a busy machine. */
    private static final Duration RECOVERY = Duration.ofSeconds(120);
    /** Scenario e: how soon the suite must be back to normal after both outages. */
    private static final Duration CONVERGENCE = Duration.ofSeconds(60);

    private final SuiteLauncher launcher;
    private final PrintStream out;
    private final String host;
    private final GatlingRunner gatling;
    private final SuiteProbe probe;
    private boolean keepStartedServices;

    public Scenarios(SuiteLauncher launcher, PrintStream out) {
        this(launcher, out, Loopback.DEFAULT_HOST);
    }

    /** @param targetHost must resolve to loopback addresses only ({@link Loopback#require}) */
    public Scenarios(SuiteLauncher launcher, PrintStream out, String targetHost) {
        this.launcher = launcher;
        this.out = out;
        this.host = Loopback.require(targetHost);
        this.gatling = new GatlingRunner(launcher.layout().root().resolve("benchmark").resolve("target").resolve("gatling"));
        this.probe = new SuiteProbe(base("zuul-gateway"), base("eureka-server"));
    }

    /**
     * Services a scenario starts again (customer-service, Eureka, the config server) outlive this JVM, as
     * after {@code ./suite start}. Without it the launcher stops them when the JVM exits, which is what
     * a test that owns the suite wants.
     */
    public Scenarios keepStartedServices() {
        this.keepStartedServices = true;
        return this;
    }

    public Path resultsDir() {
        return gatling.resultsDir();
    }

    /**
     * Load on every route the scenarios use, not recorded: a suite just started runs interpreted and C1 code
     * for its first minute of traffic, and the first scenario would measure the JIT instead of the suite.
     */
    public void warmUp(Duration duration) {
        out.println("[bench] warming up for " + duration.toSeconds() + " s (not counted)");
        // Through the gateway: the same catalogs and customer-service code that the direct runs of f call.
        gatling.run(new LoadPlan("warm-up", List.of(catalogsViaGateway(48), customersViaGateway(16)), duration, false, null),
                false);
    }

    // ----- a ---------------------------------------------------------------------------------------------

    public ScenarioResult healthy() {
        return healthy(DEFAULT_DURATION, DEFAULT_HEALTHY_CONNECTIONS);
    }

    /** a: N connections loop the sample route through the gateway; every answer must be real data. */
    public ScenarioResult healthy(Duration duration, int connections) {
        Measured run = gatling.warmUpAndRun(new LoadPlan("a-healthy", List.of(catalogsViaGateway(connections)),
                duration, false, null));
        RunStats s = run.stats;
        Map<String, Double> figures = basicFigures(s);
        figures.put("connections", (double) connections);
        Verdict verdict = verdict(clean(s) && s.fallbacks == 0);
        return report(new ScenarioResult("a", "healthy", verdict, "0 non-2xx, 0 fallback answers",
                connections + " conn " + duration.toSeconds() + " s: " + basicSummary(s), figures, s, run.marks,
                List.of(run.runDir)), s);
    }

    // ----- b ---------------------------------------------------------------------------------------------

    public ScenarioResult customerDown() {
        return customerDown(DEFAULT_DURATION);
    }

    /**
     * b: customer-service stopped (every instance): every answer must be the catalogs fallback, and fast,
     * at 1 and at 64 connections. customer-service is started again before this returns.
     */
    public ScenarioResult customerDown(Duration duration) {
        Measured one;
        Measured many;
        stopEveryInstance(CUSTOMER);
        try {
            one = gatling.warmUpAndRun(new LoadPlan("b-customer-down-1conn", List.of(catalogsViaGateway(1)),
                    duration, true, null));
            many = gatling.warmUpAndRun(new LoadPlan("b-customer-down-64conn", List.of(catalogsViaGateway(64)),
                    duration, true, null));
        } finally {
            startAgain(CUSTOMER);
            SuiteProbe.await("the gateway answers " + SuiteLauncher.SAMPLE_ROUTE + " with real data again", RECOVERY,
                    probe::sampleAnswersRealData);
        }
        RunStats a = one.stats;
        RunStats b = many.stats;
        boolean allFallback = clean(a) && clean(b) && a.realAnswers == 0 && b.realAnswers == 0;
        Verdict verdict = verdict(allFallback && a.p99 <= 10 && b.p99 <= 50);
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("requests", (double) (a.requests + b.requests));
        figures.put("non2xx", (double) (a.non2xx + b.non2xx));
        figures.put("real_answers", (double) (a.realAnswers + b.realAnswers));
        figures.put("errors", (double) (a.errors + b.errors));
        figures.put("p50_ms_1conn", a.p50);
        figures.put("p99_ms_1conn", a.p99);
        figures.put("throughput_rps_1conn", a.throughput);
        figures.put("p50_ms_64conn", b.p50);
        figures.put("p99_ms_64conn", b.p99);
        figures.put("throughput_rps_64conn", b.throughput);
        String summary = String.format(Locale.ROOT, "1 conn: %s | 64 conn: %s", fallbackSummary(a), fallbackSummary(b));
        return report(new ScenarioResult("b", "customer-down", verdict,
                "every answer the fallback, 0 non-2xx, fallback p99 <= 10 ms at 1 conn and <= 50 ms at 64",
                summary, figures, b, many.marks, List.of(one.runDir, many.runDir)), a, b);
    }

    // ----- c, d ------------------------------------------------------------------------------------------

    public ScenarioResult instanceKilled() {
        return instanceKilled(DEFAULT_DURATION, DEFAULT_CONNECTIONS);
    }

    /** c: two customer-service instances under load on both routes; instance 2 gets SIGKILL at 1/3 of the run. */
    public ScenarioResult instanceKilled(Duration duration, int connections) {
        return instanceLost("c", "instance-killed", duration, connections, true);
    }

    public ScenarioResult instanceTerminated() {
        return instanceTerminated(DEFAULT_DURATION, DEFAULT_CONNECTIONS);
    }

    /** d: as c, but instance 2 gets a plain SIGTERM (it does not leave Eureka first). */
    public ScenarioResult instanceTerminated(Duration duration, int connections) {
        return instanceLost("d", "instance-terminated", duration, connections, false);
    }

    /** c and d: a killed instance may cost 0.1 % fallbacks (requests it held die with it), a terminated one none. */
    private ScenarioResult instanceLost(String letter, String name, Duration duration, int connections, boolean kill) {
        Measured run = secondInstanceLost(letter + "-" + name, duration, connections, kill);
        RunStats catalogs = run.stats.route("catalogs");
        RunStats customers = run.stats.route("customers");
        double fallbackShare = catalogs.requests == 0 ? 1 : (double) catalogs.fallbacks / catalogs.requests;
        Verdict verdict = verdict(clean(catalogs) && clean(customers) && (kill ? fallbackShare <= 0.001 : catalogs.fallbacks == 0));
        String threshold = kill ? "0 non-2xx on both routes, fallback answers <= 0.1 % of catalogs answers"
                : "0 non-2xx, 0 fallback answers";
        return report(new ScenarioResult(letter, name, verdict, threshold, twoRouteSummary(catalogs, customers),
                twoRouteFigures(run.stats, catalogs, customers, connections), run.stats, run.marks, List.of(run.runDir)),
                run.stats);
    }

    private Measured secondInstanceLost(String id, Duration duration, int connections, boolean kill) {
        ServiceSpec second = Topology.get(CUSTOMER).instance(2);
        launcher.startInstance(CUSTOMER, 2);
        keepIfAsked();
        try {
            SuiteProbe.await("Eureka lists " + second.instanceName() + " as UP", Duration.ofSeconds(60),
                    () -> probe.registeredUp(second.port()));
            SuiteProbe.sleep(ROUTING_SETTLE);
            String signal = kill ? "SIGKILL" : "SIGTERM";
            int half = Math.max(1, connections / 2);
            LoadPlan plan = new LoadPlan(id, List.of(catalogsViaGateway(half), customersViaGateway(Math.max(1, connections - half))),
                    duration, false, p -> {
                        p.awaitOffset(duration.dividedBy(3));
                        p.mark(signal + " " + second.instanceName());
                        if (kill) {
                            launcher.kill(CUSTOMER, 2);
                        } else {
                            launcher.terminate(CUSTOMER, 2);
                        }
                    });
            return gatling.warmUpAndRun(plan);
        } finally {
            // Normally gone already; after a failed run it is stopped the graceful way.
            if (launcher.isRunning(CUSTOMER, 2)) {
                launcher.stopInstance(CUSTOMER, 2);
            }
            SuiteProbe.await("Eureka no longer lists " + second.instanceName(), EVICTION,
                    () -> !probe.registeredAtAll(second.port()));
            SuiteProbe.await(SuiteLauncher.SAMPLE_ROUTE + " answers real data", RECOVERY, probe::sampleAnswersRealData);
        }
    }

    // ----- e ---------------------------------------------------------------------------------------------

    public ScenarioResult registryAndConfigDown() {
        return registryAndConfigDown(DEFAULT_OUTAGE);
    }

    /**
     * e: under load, SIGKILL Eureka, keep it down for the outage, start it again; then the same with the
     * config server. Nothing may fail meanwhile (the callers keep their cached registry and configuration),
     * and afterwards the suite must be back to normal within 60 s.
     */
    public ScenarioResult registryAndConfigDown(Duration outage) {
        Duration lead = Duration.ofSeconds(10);
        Duration between = Duration.ofSeconds(15);
        // Upper bound only: the chaos ends the load once both services are back; starts may take minutes.
        Duration bound = outage.multipliedBy(2).plus(Duration.ofMinutes(12));
        LoadPlan plan = new LoadPlan("e-registry-and-config-down", List.of(catalogsViaGateway(DEFAULT_CONNECTIONS)),
                bound, false, p -> {
                    p.awaitOffset(lead);
                    outage(p, "eureka-server", outage);
                    SuiteProbe.sleep(between);
                    outage(p, "config-server", outage);
                    SuiteProbe.sleep(between);
                    p.stopLoad();
                });
        Measured run;
        try {
            run = gatling.warmUpAndRun(plan);
        } finally {
            // After a failure half-way: dependencies first.
            for (String service : List.of("config-server", "eureka-server")) {
                if (!launcher.isRunning(service)) {
                    startAgain(service);
                }
            }
        }
        long begin = System.nanoTime();
        boolean converged = SuiteProbe.within(CONVERGENCE, this::suiteIsNormal);
        double convergedSeconds = (System.nanoTime() - begin) / 1e9;
        RunStats s = run.stats;
        Map<String, Double> figures = basicFigures(s);
        figures.put("outage_s", (double) outage.toSeconds());
        figures.put("converged_s", converged ? convergedSeconds : Double.NaN);
        String summary = String.format(Locale.ROOT, "%d s outages: %s, converged %s", outage.toSeconds(),
                basicSummary(s), converged ? String.format(Locale.ROOT, "after %.1f s", convergedSeconds) : "NOT within 60 s");
        return report(new ScenarioResult("e", "registry-and-config-down", verdict(clean(s) && s.fallbacks == 0 && converged),
                "0 non-2xx, 0 fallback answers throughout, converged within 60 s", summary, figures, s, run.marks,
                List.of(run.runDir)), s);
    }

    private void outage(LoadPlan plan, String service, Duration outage) {
        plan.mark("SIGKILL " + service);
        launcher.kill(service, 1);
        SuiteProbe.sleep(outage);
        plan.mark("start " + service);
        startAgain(service);
        plan.mark(service + " healthy");
    }

    /** Every service healthy, every client registered in Eureka and UP, the sample answered with real data. */
    private boolean suiteIsNormal() {
        if (!Topology.SERVICES.stream().allMatch(launcher::isHealthy)) {
            return false;
        }
        // The config server is found by URL and Eureka does not register with itself; the rest register.
        boolean registered = Topology.SERVICES.stream()
                .filter(s -> !s.name().equals("config-server") && !s.name().equals("eureka-server"))
                .allMatch(s -> probe.registeredUp(s.port()));
        return registered && probe.sampleAnswersRealData();
    }

    // ----- f ---------------------------------------------------------------------------------------------

    public ScenarioResult gatewayOverhead() {
        return gatewayOverhead(DEFAULT_DURATION);
    }

    /**
     * f: what the gateway costs: 64 connections through it and directly on catalogs, one after the other,
     * then 1 connection each. Targets, not hard limits: a miss is reported as MISS.
     */
    public ScenarioResult gatewayOverhead(Duration duration) {
        Measured gateway64 = gatling.warmUpAndRun(new LoadPlan("f-gateway-64conn", List.of(catalogsViaGateway(64)), duration, false, null));
        Measured direct64 = gatling.warmUpAndRun(new LoadPlan("f-direct-64conn", List.of(catalogsDirect(64)), duration, false, null));
        Measured gateway1 = gatling.warmUpAndRun(new LoadPlan("f-gateway-1conn", List.of(catalogsViaGateway(1)), duration, false, null));
        Measured direct1 = gatling.warmUpAndRun(new LoadPlan("f-direct-1conn", List.of(catalogsDirect(1)), duration, false, null));
        double ratio = gateway64.stats.throughput / direct64.stats.throughput;
        double addedP50 = gateway1.stats.p50 - direct1.stats.p50;
        double addedP99 = gateway1.stats.p99 - direct1.stats.p99;
        boolean clean = List.of(gateway64, direct64, gateway1, direct1).stream()
                .allMatch(m -> clean(m.stats) && m.stats.fallbacks == 0);
        Verdict verdict = clean && ratio >= 0.50 && addedP50 <= 0.5 && addedP99 <= 3 ? Verdict.PASS : Verdict.MISS;
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("throughput_rps_gateway_64conn", gateway64.stats.throughput);
        figures.put("throughput_rps_direct_64conn", direct64.stats.throughput);
        figures.put("throughput_ratio", ratio);
        figures.put("p50_ms_gateway_1conn", gateway1.stats.p50);
        figures.put("p50_ms_direct_1conn", direct1.stats.p50);
        figures.put("p99_ms_gateway_1conn", gateway1.stats.p99);
        figures.put("p99_ms_direct_1conn", direct1.stats.p99);
        figures.put("p50_added_ms", addedP50);
        figures.put("p99_added_ms", addedP99);
        String summary = String.format(Locale.ROOT,
                "64 conn: gateway %.0f/s vs direct %.0f/s, ratio %.2f | 1 conn: added p50 %.2f ms (%.2f vs %.2f), added p99 %.2f ms (%.2f vs %.2f)%s",
                gateway64.stats.throughput, direct64.stats.throughput, ratio, addedP50, gateway1.stats.p50,
                direct1.stats.p50, addedP99, gateway1.stats.p99, direct1.stats.p99, clean ? "" : ", some requests failed");
        return report(new ScenarioResult("f", "gateway-overhead", verdict,
                "target: ratio >= 0.50, added p50 <= 0.5 ms, added p99 <= 3 ms", summary, figures, gateway64.stats,
                gateway64.marks, List.of(gateway64.runDir, direct64.runDir, gateway1.runDir, direct1.runDir)),
                gateway64.stats, direct64.stats, gateway1.stats, direct1.stats);
    }

    // ----- g (h) -----------------------------------------------------------------------------------------

    /**
     * g: start-up, with the JIT the suite runs (recorded as g for C1, h for the tiered JIT): the whole suite
     * as the last {@code ./suite up} measured it (launch to the sample routed), one service started alone
     * (a second customer-service instance, launch to healthy), and a restarted customer-service until the
     * sample answers real data through the gateway again. Targets: 45 s, 8 s, 10 s; a miss is MISS.
     */
    public ScenarioResult startup() {
        Optional<String> last = launcher.lastStartUp();
        double suiteUp = last.map(text -> Double.parseDouble(text.split(" ")[0])).orElse(Double.NaN);
        boolean sameJit = last.map(text -> text.endsWith(launcher.jit().name().toLowerCase(Locale.ROOT))).orElse(false);

        double alone = launcher.startInstance(CUSTOMER, 2).toMillis() / 1000.0;
        keepIfAsked();
        launcher.stopInstance(CUSTOMER, 2);

        launcher.stop(CUSTOMER);
        long begin = System.nanoTime();
        startAgain(CUSTOMER);
        SuiteProbe.await("the gateway answers " + SuiteLauncher.SAMPLE_ROUTE + " with real data again", RECOVERY,
                probe::sampleAnswersRealData);
        double routed = (System.nanoTime() - begin) / 1e9;

        boolean met = sameJit && suiteUp <= 45 && alone <= 8 && routed <= 10;
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("suite_up_s", sameJit ? suiteUp : Double.NaN);
        figures.put("one_service_s", alone);
        figures.put("restarted_routed_s", routed);
        String jit = launcher.jit().name().toLowerCase(Locale.ROOT);
        String summary = String.format(Locale.ROOT, "JIT %s: ./suite up %s, one service alone %.1f s, restarted customer-service"
                        + " answering through the gateway %.1f s", jit,
                sameJit ? String.format(Locale.ROOT, "%.1f s", suiteUp) : "not recorded with this JIT (run ./suite up first)",
                alone, routed);
        return report(new ScenarioResult(launcher.jit() == SuiteLauncher.Jit.C1 ? "g" : "h", "start-up-" + jit,
                met ? Verdict.PASS : Verdict.MISS, "target: suite up <= 45 s, one service <= 8 s, restarted and routed <= 10 s",
                summary, figures, null, Map.of(), List.of()));
    }

    // ----- i ---------------------------------------------------------------------------------------------

    /** Writes per second of scenario i and its target: the 100 writes/s, visible within 1 s at p99. */
    public static final int LAG_WRITES_PER_SECOND = 100;
    private static final long LAG_P99_TARGET_MS = 1000;
    /** How long a write may take to show in the read model before it counts as lost. */
    private static final Duration LAG_SETTLE = Duration.ofSeconds(30);

    /**
     * i: the read model's lag (customer events through RabbitMQ into catalogs, the guide's CQRS). New customers
     * are written through the gateway at {@value #LAG_WRITES_PER_SECOND}/s; each must show in catalogs' read
     * model (correctness: counts equal), and p99 of the lag must be at most 1 s. The customers written are
     * deleted afterwards, so the suite's data is as before. {@code warmUp} of writes first, not counted: the
     * general warm-up only reads, and the write path (gateway, customer-service, relay, broker, listener)
     * runs interpreted code at first (measured: p99 0.99 s on the first 15 s of writes, 0.33 s after).
     */
    public ScenarioResult readModelLag(Duration duration, Duration warmUp) {
        ReadModelLag lag = readModelLagDriver();
        if (!warmUp.isZero()) {
            out.println("[bench] writing for " + warmUp.toSeconds() + " s to warm up the write path (not counted)");
            lag.run(LAG_WRITES_PER_SECOND, warmUp, LAG_SETTLE);
        }
        ReadModelLag.Result r = lag.run(LAG_WRITES_PER_SECOND, duration, LAG_SETTLE);
        boolean everyWriteVisible = r.writes > 0 && r.failedWrites == 0 && r.visible == r.writes;
        Verdict verdict = !everyWriteVisible ? Verdict.FAIL : r.percentile(99) <= LAG_P99_TARGET_MS ? Verdict.PASS : Verdict.MISS;
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("writes", (double) r.writes);
        figures.put("failed_writes", (double) r.failedWrites);
        figures.put("visible", (double) r.visible);
        figures.put("lag_p50_ms", (double) r.percentile(50));
        figures.put("lag_p99_ms", (double) r.percentile(99));
        figures.put("lag_max_ms", (double) r.percentile(100));
        return report(new ScenarioResult("i", "read-model-lag", verdict,
                "every write visible in the read model; lag p99 <= 1 s at " + LAG_WRITES_PER_SECOND + " writes/s",
                r.summary(LAG_WRITES_PER_SECOND, duration), figures, null, Map.of(), List.of()));
    }

    // ----- j ---------------------------------------------------------------------------------------------

    /** Scenario j's outage without --quick. */
    public static final Duration DEFAULT_DRAIN_OUTAGE = Duration.ofSeconds(60);
    /** A steady stream of changes, half of i's rate: what piles up in the outbox is the point, not the peak. */
    public static final int DRAIN_WRITES_PER_SECOND = 50;
    /** How long the outbox may take to empty once the broker is back, and the read model after that. */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(60);
    private static final Duration DRAIN_VISIBLE_LIMIT = Duration.ofSeconds(60);

    /**
     * j: the outbox across a broker outage ({@link OutboxDrain}): 0 failed writes while the embedded broker is
     * down, every write still in the outbox at the end of the outage, drained within 60 s of the broker's
     * return, every write in the read model afterwards; the customers are deleted again. SKIPPED on a suite
     * that uses an external RabbitMQ, which the benchmark never stops. {@code warmUp} of writes first with the
     * broker up, not counted, as in i.
     */
    public ScenarioResult outboxDrain(Duration outage, Duration warmUp) {
        String threshold = "0 failed writes during the outage, every write in the outbox at its end, drained within "
                + DRAIN_LIMIT.toSeconds() + " s of the broker's return, every write visible in the read model after";
        Broker broker = launcher.broker();
        Optional<String> skip = OutboxDrain.cannotRun(broker.kind(), broker.describe(), launcher.isBrokerRunning());
        if (skip.isPresent()) {
            return report(new ScenarioResult("j", "outbox-drain", Verdict.SKIPPED, threshold, skip.get(), Map.of(),
                    null, Map.of(), List.of()));
        }
        OutboxGauge gauge = new OutboxGauge(Loopback.baseUrl(host, Topology.get(CUSTOMER).managementPort()),
                DevelopmentTokens.managementLogin());
        OutboxDrain.Result r;
        try {
            r = new OutboxDrain(launcher, readModelLagDriver(), gauge, out)
                    .run(DRAIN_WRITES_PER_SECOND, warmUp, outage, DRAIN_LIMIT, DRAIN_VISIBLE_LIMIT);
        } finally {
            keepIfAsked(); // the restarted broker belongs to the suite, not to this JVM
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("writes", (double) r.writes);
        figures.put("failed_writes", (double) r.failedWrites);
        figures.put("pending_at_outage_end", (double) r.pendingAtOutageEnd);
        figures.put("broker_back_s", r.brokerBackSeconds);
        figures.put("drain_s", r.drainSeconds);
        figures.put("drain_rows_per_s", r.drainRate());
        figures.put("visible", (double) r.visible);
        figures.put("visible_s", r.visibleSeconds);
        return report(new ScenarioResult("j", "outbox-drain", verdict(r.passed()), threshold,
                r.summary(DRAIN_WRITES_PER_SECOND, outage), figures, null, Map.of(), List.of()));
    }

    // ----- k ---------------------------------------------------------------------------------------------

    /** The services a request to the sample crosses, each of which traces it. */
    private static final List<String> TRACED = List.of(CUSTOMER, "catalogs-service", "zuul-gateway");

    /**
     * k: what tracing costs. The sample through the gateway at {@value #DEFAULT_CONNECTIONS} connections in three
     * phases, the three traced services restarted before each: tracing off ({@code TRACING_ENABLED=false}: no
     * Sleuth at all), every trace reported to Zipkin ({@code TRACING_SAMPLE_PROBABILITY=1.0}), and the suite's
     * defaults (trace ids everywhere, 0.1 of traces reported), last, so the suite ends as it was. Needs Zipkin
     * ({@code ./suite up --zipkin}): reporting to nowhere would measure nothing. Targets, reported as MISS: with
     * the defaults at least 0.80 of the throughput without tracing, and p99 at most 1.5 times as high. Each phase
     * warms the restarted JVMs up for as long as it measures. The phases run in a fixed order, and on 2 shared cores
     * each came out faster than the one before whatever its tracing (2026-12-02: off 252/s, all 274/s, default
     * 330/s): the drift of the machine and the load generator outweighs tracing's cost there.
     */
    public ScenarioResult tracingCost(Duration duration) {
        String threshold = "0 non-2xx and 0 errors in every phase; target: default tracing >= 0.80 of the throughput"
                + " without tracing, p99 <= 1.5 x";
        if (!launcher.zipkinAnswers()) {
            return report(new ScenarioResult("k", "tracing-cost", Verdict.SKIPPED, threshold,
                    "needs Zipkin: start the suite with ./suite up --zipkin", Map.of(), null, Map.of(), List.of()));
        }
        Map<String, Map<String, String>> phases = new LinkedHashMap<>();
        phases.put("off", Map.of("TRACING_ENABLED", "false"));
        phases.put("all", Map.of("TRACING_SAMPLE_PROBABILITY", "1.0"));
        phases.put("default", Map.of());
        Map<String, Measured> measured = new LinkedHashMap<>();
        phases.forEach((phase, environment) -> {
            out.println("[bench] k: tracing " + phase + ": restarting " + String.join(", ", TRACED));
            TRACED.forEach(service -> launcher.restart(service, environment));
            keepIfAsked();
            SuiteProbe.await("the gateway answers " + SuiteLauncher.SAMPLE_ROUTE + " with real data again", RECOVERY,
                    probe::sampleAnswersRealData);
            SuiteProbe.sleep(ROUTING_SETTLE);
            // Restarted JVMs run interpreted code first: as long a warm-up as the measurement, not counted.
            warmUp(duration);
            measured.put(phase, gatling.warmUpAndRun(new LoadPlan("k-tracing-" + phase,
                    List.of(catalogsViaGateway(DEFAULT_CONNECTIONS)), duration, false, null)));
        });
        RunStats off = measured.get("off").stats;
        RunStats all = measured.get("all").stats;
        RunStats on = measured.get("default").stats;
        boolean clean = measured.values().stream().allMatch(m -> clean(m.stats) && m.stats.fallbacks == 0);
        double ratio = on.throughput / off.throughput;
        double ratioAll = all.throughput / off.throughput;
        Verdict verdict = !clean ? Verdict.FAIL : ratio >= 0.80 && on.p99 <= 1.5 * off.p99 ? Verdict.PASS : Verdict.MISS;
        Map<String, Double> figures = new LinkedHashMap<>();
        measured.forEach((phase, m) -> {
            figures.put("throughput_rps_" + phase, m.stats.throughput);
            figures.put("p99_ms_" + phase, m.stats.p99);
        });
        figures.put("throughput_ratio_default_to_off", ratio);
        figures.put("throughput_ratio_all_to_off", ratioAll);
        String summary = String.format(Locale.ROOT,
                "%d conn via gateway: off %.0f/s p99 %.1f ms | default (0.1 reported) %.0f/s p99 %.1f ms, ratio %.2f"
                        + " | all reported %.0f/s p99 %.1f ms, ratio %.2f%s",
                DEFAULT_CONNECTIONS, off.throughput, off.p99, on.throughput, on.p99, ratio, all.throughput, all.p99,
                ratioAll, clean ? "" : ", some requests failed");
        List<Path> dirs = new ArrayList<>();
        measured.values().forEach(m -> dirs.add(m.runDir));
        return report(new ScenarioResult("k", "tracing-cost", verdict, threshold, summary, figures, on,
                measured.get("default").marks, dirs), off, all, on);
    }

    // ----- l ---------------------------------------------------------------------------------------------

    /** How long the records of the measured requests may take to be written once the load has stopped. */
    private static final Duration RECORDS_WRITTEN = Duration.ofSeconds(30);

    /**
     * l: what access records cost on the customer route (GET /customers/1234 through the gateway, every request
     * one record in customer-service's chain) at {@value #DEFAULT_CONNECTIONS} connections, in two phases,
     * customer-service restarted before each: records off ({@code ACCESS_RECORDS_ENABLED=false}, which only the
     * local profile allows, named here with it) and on (the suite's default), last, so the suite ends as it was.
     * With records on, every request must be in the chain once the load has stopped, and the chain intact; the
     * chain's own check of all its records is timed. Target, reported as MISS: with records at least 0.90 of the
     * throughput without, p99 at most 1.5 times as high. Each phase warms the restarted JVM up for as long as it
     * measures.
     */
    public ScenarioResult accessRecordsCost(Duration duration) {
        String threshold = "0 non-2xx and 0 errors in both phases, every request recorded and the chain intact;"
                + " target: records on >= 0.90 of the throughput with records off, p99 <= 1.5 x";
        Map<String, Map<String, String>> phases = new LinkedHashMap<>();
        phases.put("off", Map.of("ACCESS_RECORDS_ENABLED", "false", "SPRING_PROFILES_ACTIVE", "local"));
        phases.put("on", Map.of());
        AccessRecordsChain chain = new AccessRecordsChain(Loopback.baseUrl(host, Topology.get(CUSTOMER).managementPort()),
                DevelopmentTokens.managementLogin());
        Map<String, Measured> measured = new LinkedHashMap<>();
        long recordsBefore = 0;
        for (Map.Entry<String, Map<String, String>> phase : phases.entrySet()) {
            out.println("[bench] l: access records " + phase.getKey() + ": restarting " + CUSTOMER);
            launcher.restart(CUSTOMER, phase.getValue());
            keepIfAsked();
            SuiteProbe.await("the gateway answers " + SuiteLauncher.SAMPLE_ROUTE + " with real data again", RECOVERY,
                    probe::sampleAnswersRealData);
            SuiteProbe.sleep(ROUTING_SETTLE);
            // A restarted JVM runs interpreted code first: as long a warm-up as the measurement, not counted.
            warmUp(duration);
            recordsBefore = chain.verify().records;
            measured.put(phase.getKey(), gatling.warmUpAndRun(new LoadPlan("l-access-records-" + phase.getKey(),
                    List.of(customersViaGateway(DEFAULT_CONNECTIONS)), duration, false, null)));
        }
        RunStats off = measured.get("off").stats;
        RunStats on = measured.get("on").stats;
        // Gatling's own warm-up requests of the last phase are recorded too: at least the measured ones must be.
        long expected = recordsBefore + on.requests;
        long deadline = System.nanoTime() + RECORDS_WRITTEN.toNanos();
        AccessRecordsChain.Check check = chain.verify();
        while (check.records < expected && System.nanoTime() < deadline) {
            SuiteProbe.sleep(Duration.ofSeconds(1));
            check = chain.verify();
        }
        boolean recorded = check.intact && check.records >= expected;
        boolean clean = measured.values().stream().allMatch(m -> clean(m.stats));
        double ratio = on.throughput / off.throughput;
        Verdict verdict = !clean || !recorded ? Verdict.FAIL : ratio >= 0.90 && on.p99 <= 1.5 * off.p99 ? Verdict.PASS : Verdict.MISS;
        Map<String, Double> figures = new LinkedHashMap<>();
        measured.forEach((phase, m) -> {
            figures.put("throughput_rps_" + phase, m.stats.throughput);
            figures.put("p50_ms_" + phase, m.stats.p50);
            figures.put("p99_ms_" + phase, m.stats.p99);
        });
        figures.put("throughput_ratio_on_to_off", ratio);
        figures.put("requests_on", (double) on.requests);
        figures.put("records_written", (double) (check.records - recordsBefore));
        figures.put("chain_records", (double) check.records);
        figures.put("chain_verify_ms", (double) check.tookMs);
        String summary = String.format(Locale.ROOT,
                "%d conn via gateway on /customers/1234: off %.0f/s p99 %.1f ms | on %.0f/s p99 %.1f ms, ratio %.2f | %d requests"
                        + " measured, %d recorded in the phase (its warm-up's too), chain of %,d records %s, verified in %d ms%s",
                DEFAULT_CONNECTIONS, off.throughput, off.p99, on.throughput, on.p99, ratio, on.requests,
                check.records - recordsBefore, check.records, check.intact ? "intact" : "BROKEN", check.tookMs,
                clean ? "" : ", some requests failed");
        if (!check.intact) {
            out.println("[bench]   " + check.line);
        }
        List<Path> dirs = new ArrayList<>();
        measured.values().forEach(m -> dirs.add(m.runDir));
        return report(new ScenarioResult("l", "access-records-cost", verdict, threshold, summary, figures, on,
                measured.get("on").marks, dirs), off, on);
    }

    // ----- helpers ---------------------------------------------------------------------------------------

    /** Writes customers through the gateway and watches catalogs' read model (scenarios i and j). */
    private ReadModelLag readModelLagDriver() {
        String token = "Bearer " + DevelopmentTokens.mint(DevelopmentTokens.secret(launcher.layout()), "benchmark",
                List.of("customers:read", "customers:write"), List.of("ADMIN"), Duration.ofHours(2));
        String management = Loopback.baseUrl(host, Topology.get("catalogs-service").managementPort());
        return new ReadModelLag(base("zuul-gateway"), management, token, DevelopmentTokens.managementLogin());
    }

    private LoadPlan.Route catalogsViaGateway(int users) {
        return new LoadPlan.Route("catalogs", base("zuul-gateway") + SuiteLauncher.SAMPLE_ROUTE, users, null);
    }

    private LoadPlan.Route customersViaGateway(int users) {
        // Reading a customer needs customers:read: a token for the whole run (at most 24 h, far above any run).
        return new LoadPlan.Route("customers", base("zuul-gateway") + CUSTOMER_ROUTE, users, "Bearer " + DevelopmentTokens.mint(
                DevelopmentTokens.secret(launcher.layout()), "benchmark", List.of("customers:read"), List.of(), Duration.ofHours(2)));
    }

    private LoadPlan.Route catalogsDirect(int users) {
        return new LoadPlan.Route("catalogs", base("catalogs-service") + SuiteLauncher.SAMPLE_ROUTE, users, null);
    }

    private String base(String service) {
        return Loopback.baseUrl(host, Topology.get(service).port());
    }

    /** Stops instance 1 and every further instance that runs, the graceful way. */
    private void stopEveryInstance(String service) {
        for (int n = 1; n <= ServiceSpec.MAX_INSTANCES; n++) {
            if (launcher.isRunning(service, n)) {
                launcher.stopInstance(service, n);
            }
        }
    }

    private void startAgain(String service) {
        launcher.start(service);
        keepIfAsked();
    }

    private void keepIfAsked() {
        if (keepStartedServices) {
            launcher.detach();
        }
    }

    /** Every request answered, and with a 2xx. */
    private static boolean clean(RunStats s) {
        return s.requests > 0 && s.non2xx == 0 && s.errors == 0;
    }

    private static Verdict verdict(boolean pass) {
        return pass ? Verdict.PASS : Verdict.FAIL;
    }

    private static Map<String, Double> basicFigures(RunStats s) {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("requests", (double) s.requests);
        figures.put("non2xx", (double) s.non2xx);
        figures.put("fallbacks", (double) s.fallbacks);
        figures.put("errors", (double) s.errors);
        figures.put("p50_ms", s.p50);
        figures.put("p99_ms", s.p99);
        figures.put("throughput_rps", s.throughput);
        return figures;
    }

    private static String basicSummary(RunStats s) {
        return String.format(Locale.ROOT, "requests=%d non2xx=%d fallbacks=%d errors=%d p50=%.1fms p99=%.1fms throughput=%.0f/s",
                s.requests, s.non2xx, s.fallbacks, s.errors, s.p50, s.p99, s.throughput);
    }

    private static String fallbackSummary(RunStats s) {
        return String.format(Locale.ROOT, "requests=%d fallback=%d real=%d non2xx=%d errors=%d p50=%.1fms p99=%.1fms %.0f/s",
                s.requests, s.requests - s.realAnswers - s.non2xx - s.errors, s.realAnswers, s.non2xx, s.errors,
                s.p50, s.p99, s.throughput);
    }

    private static String twoRouteSummary(RunStats catalogs, RunStats customers) {
        return String.format(Locale.ROOT, "catalogs: %s, fallback share %.3f %% | customers: requests=%d non2xx=%d errors=%d p50=%.1fms p99=%.1fms",
                basicSummary(catalogs), catalogs.requests == 0 ? 0 : 100.0 * catalogs.fallbacks / catalogs.requests,
                customers.requests, customers.non2xx, customers.errors, customers.p50, customers.p99);
    }

    private static Map<String, Double> twoRouteFigures(RunStats all, RunStats catalogs, RunStats customers, int connections) {
        Map<String, Double> figures = basicFigures(all);
        figures.put("connections", (double) connections);
        figures.put("catalogs_requests", (double) catalogs.requests);
        figures.put("catalogs_fallback_pct", catalogs.requests == 0 ? Double.NaN : 100.0 * catalogs.fallbacks / catalogs.requests);
        figures.put("catalogs_p99_ms", catalogs.p99);
        figures.put("customers_requests", (double) customers.requests);
        figures.put("customers_non2xx", (double) customers.non2xx);
        figures.put("customers_p99_ms", customers.p99);
        return figures;
    }

    /** Prints the result line, what the chaos did, the reports, and on failure the most frequent failures. */
    private ScenarioResult report(ScenarioResult result, RunStats... runs) {
        out.println(result.line());
        if (result.timeline() != null && !result.marks().isEmpty()) {
            List<String> events = new ArrayList<>();
            long origin = result.timeline().origin();
            result.marks().forEach((label, at) -> events.add(String.format(Locale.ROOT, "%s at %.1f s", label, (at - origin) / 1000.0)));
            out.println("[bench]   events: " + String.join(", ", events));
        }
        for (Path report : result.reports()) {
            out.println("[bench]   Gatling report: " + report.resolve("index.html"));
        }
        if (result.verdict() != Verdict.PASS) {
            for (RunStats run : runs) {
                run.topFailures(3).forEach((message, count) -> out.println("[bench]   " + count + " x " + message));
            }
        }
        return result;
    }
}
