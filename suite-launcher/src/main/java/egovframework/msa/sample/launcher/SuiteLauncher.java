package egovframework.msa.sample.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Starts the suite's services as separate JVMs in dependency order, waits until each reports healthy,
 * and stops them again by process id. This is the one way the topology is started: {@code ./suite}
 * calls it from the command line and the end-to-end tests call it as a library.
 */
public final class SuiteLauncher {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /** The embedded broker answers about 2.5 s after its launch on 2 cores (Derby included); this bounds the wait. */
    static final Duration BROKER_START_TIMEOUT = Duration.ofSeconds(90);
    /**
     * How long callers may still send to an instance after it left Eureka (config-repo/application.yml):
     * Eureka client registry fetch (2 s) + Ribbon server-list refresh (2 s) + 2 s for requests already
     * on their way. Kubernetes' preStop hook waits the same way (k8s/base).
     */
    static final Duration DRAIN = Duration.ofSeconds(6);
    /** Small JVMs: six of them share a developer laptop. The JIT comes on top ({@link Jit}); SUITE_JAVA_OPTS too. */
    public static final List<String> JVM_OPTIONS = List.of("-Xms32m", "-Xmx256m", "-Xss512k", "-XX:+UseSerialGC",
            "-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8");

    /**
     * Which JIT the services run. Measured on 2 cores (BENCHMARKS.md, rows g and h): C1 alone keeps start-up
     * within its targets (suite 45 s, one service 8 s, restarted and routed 10 s), the default tiered JIT
     * (C1, then C2 for hot code) misses them by a few seconds and serves 2-2.5 times the throughput once
     * warm. {@code ./suite up} favours the developer's start-up; the benchmark and the images run tiered.
     */
    public enum Jit {
        C1(List.of("-XX:TieredStopAtLevel=1")), TIERED(List.of());

        private final List<String> options;

        Jit(List<String> options) {
            this.options = options;
        }

        public List<String> options() {
            return options;
        }

        /** {@code c1} or {@code tiered}; anything else is a one-line error. */
        public static Jit parse(String text) {
            for (Jit jit : values()) {
                if (jit.name().equalsIgnoreCase(text.trim())) {
                    return jit;
                }
            }
            throw new LauncherException("SUITE_JIT must be c1 or tiered, not '" + text + "'");
        }
    }

    /** The guide's sample request; {@code up} returns once it is answered with real data through the gateway. */
    public static final String SAMPLE_ROUTE = "/catalogs/customerinfo/1234";

    /** How long each service took from its launch to healthy, and the sample route after that. */
    public static final class StartReport {
        private final Map<String, Duration> services;
        private final Duration routable;

        StartReport(Map<String, Duration> services, Duration routable) {
            this.services = Map.copyOf(services);
            this.routable = routable;
        }

        public Map<String, Duration> services() {
            return services;
        }

        public Duration routable() {
            return routable;
        }
    }

    private final SuiteLayout layout;
    private final PrintStream out;
    private final Duration startTimeout;
    private final List<String> extraJvmOptions;
    private final Jit jit;
    private final Broker wantedBroker;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread cleanup = new Thread(this::stopAllQuietly, "suite-launcher-cleanup");
    private boolean cleanupRegistered;

    public SuiteLauncher(SuiteLayout layout, PrintStream out, Duration startTimeout, List<String> extraJvmOptions,
                         Jit jit) {
        this(layout, out, startTimeout, extraJvmOptions, jit, Broker.wanted());
    }

    /**
     * @param wantedBroker where {@code up} looks for RabbitMQ; if nothing answers there (on this machine), it
     *                     starts the embedded broker on that port ({@link Broker#decide})
     */
    public SuiteLauncher(SuiteLayout layout, PrintStream out, Duration startTimeout, List<String> extraJvmOptions,
                         Jit jit, Broker wantedBroker) {
        this.wantedBroker = wantedBroker;
        this.layout = layout;
        this.out = out;
        this.startTimeout = startTimeout;
        this.extraJvmOptions = List.copyOf(extraJvmOptions);
        this.jit = jit;
    }

    /**
     * The launcher of a checkout, set up from the environment: SUITE_RUN_DIR (default var/),
     * SUITE_START_TIMEOUT_SECONDS (240), SUITE_JAVA_OPTS, and SUITE_JIT (c1 or tiered). Without SUITE_JIT,
     * C1 for a suite brought up afresh ({@code joinRunningSuite} false), else the JIT the running suite was
     * brought up with, so an instance started next to it matches the rest.
     */
    public static SuiteLauncher forCheckout(Path root, PrintStream out, boolean joinRunningSuite) {
        Path runDir = Path.of(env("SUITE_RUN_DIR", root.resolve("var").toString()));
        long timeout;
        try {
            timeout = Long.parseLong(env("SUITE_START_TIMEOUT_SECONDS", "240"));
        } catch (NumberFormatException e) {
            throw new LauncherException("SUITE_START_TIMEOUT_SECONDS must be a number of seconds");
        }
        String options = env("SUITE_JAVA_OPTS", "").trim();
        Jit jit = Jit.parse(env("SUITE_JIT", joinRunningSuite ? rememberedJit(runDir).orElse("c1") : "c1"));
        return new SuiteLauncher(new SuiteLayout(root, runDir), out, Duration.ofSeconds(timeout),
                options.isEmpty() ? List.of() : List.of(options.split("\\s+")), jit);
    }

    public Jit jit() {
        return jit;
    }

    /** Every option a service JVM of this launcher starts with. */
    public List<String> jvmOptions() {
        List<String> options = new ArrayList<>(JVM_OPTIONS);
        options.addAll(jit.options());
        options.addAll(extraJvmOptions);
        return options;
    }

    /** How long the last {@code up} of this run directory took until the sample was routed, and with which JIT. */
    public Optional<String> lastStartUp() {
        try {
            return Optional.of(Files.readString(layout.runDir().resolve("startup")).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void recordStartUp(Duration took) {
        try {
            Files.writeString(layout.runDir().resolve("startup"), String.format(java.util.Locale.ROOT, "%.1f %s%n",
                    took.toMillis() / 1000.0, jit.name().toLowerCase(java.util.Locale.ROOT)));
        } catch (IOException e) {
            throw new LauncherException("cannot write to " + layout.runDir() + ": " + e.getMessage());
        }
    }

    private static Optional<String> rememberedJit(Path runDir) {
        try {
            return Optional.of(Files.readString(runDir.resolve("jit")).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public SuiteLayout layout() {
        return layout;
    }

    /**
     * Starts all six services and returns once every one is healthy and the sample request is routed,
     * with the time each took. Checks first that nothing is running and every port is free, and starts
     * nothing if not. If any service fails to come up, everything started is stopped again.
     */
    public StartReport up() {
        return up(false);
    }

    /** {@link #up()}, with Zipkin first when {@code zipkin} (the services then report their spans to it). */
    public StartReport up(boolean zipkin) {
        preflight(Topology.SERVICES);
        if (zipkin) {
            preflight(Zipkin.SPEC, Zipkin.jar(layout));
        }
        Broker broker = chooseBroker();
        stopOnJvmExit();
        try {
            for (ServiceSpec service : Topology.SERVICES) {
                ExplodedJar.removeOtherBuilds(layout.jar(service), layout.runDir().resolve("apps"));
            }
            if (broker.kind() == Broker.Kind.EMBEDDED) {
                ExplodedJar.removeOtherBuilds(layout.jar(broker.spec()), layout.runDir().resolve("apps"));
            }
            Files.createDirectories(layout.runDir());
            RunSecrets.of(layout).renew();
            Files.writeString(layout.runDir().resolve("jit"), jit.name().toLowerCase(java.util.Locale.ROOT) + "\n");
            broker.write(layout.brokerChoice());
            if (zipkin) {
                Files.writeString(layout.zipkinChoice(), Zipkin.url() + "\n");
            } else {
                Files.deleteIfExists(layout.zipkinChoice());
            }
        } catch (IOException e) {
            throw new LauncherException("cannot write to " + layout.runDir() + ": " + e.getMessage());
        }
        Instant begin = Instant.now();
        Map<String, Duration> took = new LinkedHashMap<>();
        Map<ServiceSpec, Instant> pending = new LinkedHashMap<>();
        try {
            out.println("  broker: " + broker.describe());
            if (broker.kind() == Broker.Kind.EMBEDDED) {
                startEmbeddedBroker(broker);
            }
            if (zipkin) {
                startZipkin();
            }
            while (took.size() < Topology.SERVICES.size()) {
                for (ServiceSpec service : Topology.SERVICES) {
                    if (!took.containsKey(service.name()) && !pending.containsKey(service)
                            && took.keySet().containsAll(service.dependsOn())) {
                        launch(service);
                        pending.put(service, Instant.now());
                    }
                }
                for (Map.Entry<ServiceSpec, Instant> entry : new ArrayList<>(pending.entrySet())) {
                    ServiceSpec service = entry.getKey();
                    if (checkStarting(service, entry.getValue())) {
                        Duration duration = Duration.between(entry.getValue(), Instant.now());
                        took.put(service.name(), duration);
                        pending.remove(service);
                        out.printf("  %-20s :%-5d healthy after %5.1f s%n", service.name(), service.port(),
                                duration.toMillis() / 1000.0);
                    }
                }
                sleep(POLL);
            }
            StartReport report = new StartReport(took, awaitSampleRoute());
            recordStartUp(Duration.between(begin, Instant.now()));
            return report;
        } catch (RuntimeException e) {
            out.println("Start-up failed; stopping what was started.");
            stopAllQuietly();
            throw e;
        }
    }

    /**
     * RabbitMQ if it answers where it is looked for, else the embedded broker on that port (see
     * {@link Broker#decide}); refuses to start if an embedded broker of this run directory still runs.
     */
    private Broker chooseBroker() {
        ServiceSpec embedded = new Broker(Broker.Kind.EMBEDDED, Broker.DEFAULT_HOST, wantedBroker.port()).spec();
        Optional<ProcessHandle> running = runningProcess(embedded);
        if (running.isPresent()) {
            throw new LauncherException(Broker.MODULE + " is already running (pid " + running.get().pid()
                    + "); stop it first with ./suite down");
        }
        Broker broker = Broker.decide(wantedBroker.host(), wantedBroker.port(), Broker.PROBE_TIMEOUT);
        if (broker.kind() == Broker.Kind.EMBEDDED && !Files.isRegularFile(layout.jar(broker.spec()))) {
            throw new LauncherException("nothing answers on " + wantedBroker.host() + ":" + wantedBroker.port()
                    + " and " + layout.jar(broker.spec()) + " is missing; build with ./mvnw -DskipTests package");
        }
        return broker;
    }

    /** Launches the embedded broker and waits until it answers the AMQP protocol header. */
    private void startEmbeddedBroker(Broker broker) {
        ServiceSpec spec = broker.spec();
        Instant launched = Instant.now();
        launch(spec, Map.of("BROKER_WORK_DIR", layout.brokerWorkDir().toString()));
        Duration limit = startTimeout.compareTo(BROKER_START_TIMEOUT) < 0 ? startTimeout : BROKER_START_TIMEOUT;
        while (!Broker.speaksAmqp(broker.host(), broker.port(), Duration.ofSeconds(1))) {
            if (runningProcess(spec).isEmpty()) {
                throw new LauncherException(Broker.MODULE + " exited during start-up; see " + layout.log(spec)
                        + lastLines(layout.log(spec)));
            }
            if (Duration.between(launched, Instant.now()).compareTo(limit) > 0) {
                throw new LauncherException(Broker.MODULE + " does not answer on " + broker.host() + ":" + broker.port()
                        + " after " + limit.toSeconds() + " s; see " + layout.log(spec) + lastLines(layout.log(spec)));
            }
            sleep(POLL);
        }
        out.printf("  %-20s :%-5d ready after %5.1f s%n", Broker.MODULE, broker.port(),
                Duration.between(launched, Instant.now()).toMillis() / 1000.0);
    }

    /** Launches Zipkin and waits until its health check answers. */
    private void startZipkin() {
        Instant launched = Instant.now();
        launch(Zipkin.SPEC, Zipkin.command(javaCommand(), Zipkin.jar(layout)), Map.of("STORAGE_TYPE", "mem", "MEM_MAX_SPANS", Zipkin.MAX_SPANS));
        while (!Zipkin.answers(http)) {
            if (runningProcess(Zipkin.SPEC).isEmpty()) {
                throw new LauncherException(Zipkin.NAME + " exited during start-up; see " + layout.log(Zipkin.SPEC)
                        + lastLines(layout.log(Zipkin.SPEC)));
            }
            if (Duration.between(launched, Instant.now()).compareTo(Zipkin.START_TIMEOUT) > 0) {
                throw new LauncherException(Zipkin.NAME + " does not answer on " + Zipkin.url() + " after "
                        + Zipkin.START_TIMEOUT.toSeconds() + " s; see " + layout.log(Zipkin.SPEC));
            }
            sleep(POLL);
        }
        out.printf("  %-20s :%-5d ready after %5.1f s (%s)%n", Zipkin.NAME, Zipkin.PORT,
                Duration.between(launched, Instant.now()).toMillis() / 1000.0, Zipkin.url());
    }

    /** The embedded broker of this run directory runs (started by {@code up}, stopped by {@code down}). */
    public boolean isBrokerRunning() {
        return runningProcess(layout.broker().spec()).isPresent();
    }

    /** The broker the services of this run directory use (the last {@code up}'s choice). */
    public Broker broker() {
        return layout.broker();
    }

    /** Stops the embedded broker {@code up} started, as {@code down} does (a broker outage for the benchmark). */
    public void stopEmbeddedBroker() {
        stopAll(List.of(embeddedBroker().spec()));
    }

    /** Starts the embedded broker again on its port and data (durable queues survive) and waits until it answers. */
    public void startEmbeddedBroker() {
        Broker broker = embeddedBroker();
        preflight(broker.spec(), layout.jar(broker.spec()));
        stopOnJvmExit();
        startEmbeddedBroker(broker);
    }

    /** Only a broker this launcher started may be stopped or started: never an external RabbitMQ. */
    private Broker embeddedBroker() {
        Broker broker = layout.broker();
        if (broker.kind() != Broker.Kind.EMBEDDED) {
            throw new LauncherException("the suite uses " + broker.describe()
                    + "; the launcher stops and starts only the embedded broker it started");
        }
        return broker;
    }

    /** Starts one service (its dependencies must already run) and waits until it is healthy. */
    public Duration start(String name) {
        return startInstance(name, 1);
    }

    /**
     * Starts instance {@code n} of a service on its own ports (see {@link ServiceSpec#instance(int)}), with
     * its own log and pid file, and waits until it is healthy.
     */
    public Duration startInstance(String name, int n) {
        return startInstance(name, n, Map.of());
    }

    /**
     * Stops instance 1 of a service gracefully and starts it again with {@code environment} on top of the
     * suite's (a benchmark compares settings this way, e.g. {@code TRACING_ENABLED=false}); an empty map
     * starts it as {@code ./suite up} does.
     */
    public Duration restart(String name, Map<String, String> environment) {
        stop(name);
        return startInstance(name, 1, environment);
    }

    private Duration startInstance(String name, int n, Map<String, String> environment) {
        ServiceSpec service = Topology.get(name).instance(n);
        preflight(List.of(service));
        stopOnJvmExit();
        Instant launched = Instant.now();
        launch(service, environment);
        while (!checkStarting(service, launched)) {
            sleep(POLL);
        }
        Duration took = Duration.between(launched, Instant.now());
        out.printf("  %-20s :%-5d healthy after %5.1f s%n", service.instanceName(), service.port(),
                took.toMillis() / 1000.0);
        return took;
    }

    /** Stops instance 1 of a service gracefully; see {@link #stopInstance(String, int)}. */
    public void stop(String name) {
        stopInstance(name, 1);
    }

    /**
     * Stops one instance the way a Kubernetes preStop hook does: out of Eureka first (status
     * OUT_OF_SERVICE), then waits until every caller's cached server list has dropped it, then SIGTERM
     * (the service finishes its requests in flight), and a forced stop after 30 s.
     */
    public void stopInstance(String name, int n) {
        ServiceSpec service = Topology.get(name).instance(n);
        if (runningProcess(service).isPresent() && registersInEureka(service) && takeOutOfService(service)) {
            out.printf("  %-20s out of service in Eureka; waiting %d s for callers to drop it%n",
                    service.instanceName(), DRAIN.toSeconds());
            sleep(DRAIN);
        }
        stopAll(List.of(service));
    }

    /** Plain SIGTERM without leaving Eureka first, as an orchestrator without a preStop hook sends it. */
    public void terminate(String name, int n) {
        stopAll(List.of(Topology.get(name).instance(n)));
    }

    /** SIGKILL: the instance vanishes mid-request, as on a node failure. */
    public void kill(String name, int n) {
        ServiceSpec service = Topology.get(name).instance(n);
        runningProcess(service).ifPresent(process -> {
            process.destroyForcibly();
            process.onExit().join();
            out.printf("  %-20s killed (pid %d)%n", service.instanceName(), process.pid());
        });
        deletePidFile(service);
    }

    /**
     * Stops every service this run directory knows of: clients first, then Eureka, then the config server,
     * then the embedded broker if {@code up} started one.
     */
    public void down() {
        List<ServiceSpec> reversed = new ArrayList<>(Topology.SERVICES);
        Collections.reverse(reversed);
        stopAll(withAllInstances(reversed.subList(0, reversed.size() - 2)));
        stopAll(withAllInstances(reversed.subList(reversed.size() - 2, reversed.size() - 1)));
        stopAll(withAllInstances(reversed.subList(reversed.size() - 1, reversed.size())));
        // Last: the services hand their last messages and spans to these while they stop.
        stopAll(List.of(layout.broker().spec(), Zipkin.SPEC));
        detach();
    }

    /** After a successful {@code up} from the command line: the services outlive the launcher. */
    public void detach() {
        if (cleanupRegistered) {
            cleanupRegistered = false;
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    /**
     * One line per instance (instance 1 of every service, and each further one with a pid file): state, pid,
     * memory; then one for the broker ({@link #brokerStatus()}).
     */
    public List<String> status() {
        List<String> lines = new ArrayList<>();
        for (ServiceSpec service : withAllInstances(Topology.SERVICES)) {
            Optional<ProcessHandle> process = runningProcess(service);
            String state = process.isEmpty() ? "stopped" : isHealthy(service) ? "healthy" : "running (not healthy)";
            String pid = process.map(p -> Long.toString(p.pid())).orElse("-");
            String rss = process.flatMap(SuiteLauncher::residentMemoryMiB).map(m -> m + " MiB").orElse("-");
            lines.add(String.format("  %-20s :%-5d (management :%d) %-22s pid %-8s rss %s", service.instanceName(),
                    service.port(), service.managementPort(), state, pid, rss));
        }
        lines.add(brokerStatus());
        if (Zipkin.isRequested(layout)) {
            Optional<ProcessHandle> process = runningProcess(Zipkin.SPEC);
            lines.add(String.format("  %-20s %s: %-10s pid %-8s rss %s", Zipkin.NAME, Zipkin.url(),
                    process.isEmpty() ? "stopped" : Zipkin.answers(http) ? "up" : "running (not answering)",
                    process.map(p -> Long.toString(p.pid())).orElse("-"),
                    process.flatMap(SuiteLauncher::residentMemoryMiB).map(m -> m + " MiB").orElse("-")));
        }
        return lines;
    }

    /**
     * The broker line: the embedded broker (up, not answering, or stopped, with pid and memory) or the external
     * RabbitMQ (up or down); before any {@code up}, what {@code up} would use.
     */
    String brokerStatus() {
        Optional<Broker> recorded = Broker.read(layout.brokerChoice());
        Broker broker = recorded.orElse(wantedBroker);
        boolean answers = Broker.accepts(broker.host(), broker.port(), Broker.PROBE_TIMEOUT);
        if (broker.kind() == Broker.Kind.EMBEDDED) {
            Optional<ProcessHandle> process = runningProcess(broker.spec());
            String state = process.isEmpty() ? "stopped" : answers ? "up" : "running (not answering)";
            return String.format("  %-20s %s: %-10s pid %-8s rss %s", "broker", broker.describe(), state,
                    process.map(p -> Long.toString(p.pid())).orElse("-"),
                    process.flatMap(SuiteLauncher::residentMemoryMiB).map(m -> m + " MiB").orElse("-"));
        }
        if (recorded.isEmpty() && !answers && Broker.isLoopback(broker.host())) {
            return String.format("  %-20s none answers on %s:%d; ./suite up starts the embedded Qpid Broker-J there",
                    "broker", broker.host(), broker.port());
        }
        return String.format("  %-20s %s: %s", "broker", broker.describe(), answers ? "up" : "down");
    }

    /** Whether the last {@code ./suite up} started Zipkin and it answers: the services report their spans to it. */
    public boolean zipkinAnswers() {
        return Zipkin.isRequested(layout) && Zipkin.answers(http);
    }

    public boolean isRunning(String name) {
        return isRunning(name, 1);
    }

    public boolean isRunning(String name, int n) {
        return runningProcess(Topology.get(name).instance(n)).isPresent();
    }

    /** Each service followed by its further instances that have a pid file in this run directory. */
    private List<ServiceSpec> withAllInstances(List<ServiceSpec> services) {
        List<ServiceSpec> all = new ArrayList<>();
        for (ServiceSpec service : services) {
            all.add(service);
            for (int n = 2; n <= ServiceSpec.MAX_INSTANCES; n++) {
                if (Files.isRegularFile(layout.pidFile(service.instance(n)))) {
                    all.add(service.instance(n));
                }
            }
        }
        return all;
    }

    private static boolean registersInEureka(ServiceSpec service) {
        return !service.name().equals("config-server") && !service.name().equals("eureka-server");
    }

    /** Asks the instance to mark itself OUT_OF_SERVICE in Eureka (actuator service-registry endpoint). */
    private boolean takeOutOfService(ServiceSpec service) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.managementPort()
                        + "/actuator/service-registry"))
                .header("Content-Type", "application/json").header("Authorization", DevelopmentTokens.managementLogin())
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"OUT_OF_SERVICE\"}")).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted");
        }
    }

    /** A process that is not a module of the suite (Zipkin): its jar is there, it does not run yet, its port is free. */
    private void preflight(ServiceSpec process, Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new LauncherException(jar + " is missing; build with ./mvnw -DskipTests package -pl suite-launcher");
        }
        runningProcess(process).ifPresent(running -> {
            throw new LauncherException(process.instanceName() + " is already running (pid " + running.pid()
                    + "); stop it first with ./suite down");
        });
        if (!portFree(process.port())) {
            throw new LauncherException("port " + process.port() + " (" + process.name() + ") is in use by another program");
        }
    }

    private void preflight(List<ServiceSpec> services) {
        for (ServiceSpec service : services) {
            if (!Files.isRegularFile(layout.jar(service))) {
                throw new LauncherException(layout.jar(service) + " is missing; build with ./mvnw -DskipTests package");
            }
        }
        for (ServiceSpec service : services) {
            Optional<ProcessHandle> running = runningProcess(service);
            if (running.isPresent()) {
                throw new LauncherException(service.instanceName() + " is already running (pid " + running.get().pid()
                        + "); stop it first with ./suite down");
            }
        }
        for (ServiceSpec service : services) {
            for (int port : List.of(service.port(), service.managementPort())) {
                if (!portFree(port)) {
                    throw new LauncherException("port " + port + " for " + service.instanceName()
                            + " is already in use; stop what holds it and try again");
                }
            }
        }
    }

    private void launch(ServiceSpec service) {
        launch(service, Map.of());
    }

    private void launch(ServiceSpec service, Map<String, String> extraEnvironment) {
        List<String> command = new ArrayList<>();
        command.add(javaCommand());
        command.addAll(jvmOptions());
        try {
            command.addAll(ExplodedJar.addOpens(layout.jar(service)));
            command.add("-cp");
            command.add(ExplodedJar.of(layout.jar(service), layout.runDir().resolve("apps")).toString());
        } catch (IOException e) {
            throw new LauncherException("cannot start " + service.name() + ": " + e.getMessage());
        }
        command.add(ExplodedJar.MAIN_CLASS);
        launch(service, command, extraEnvironment);
    }

    /** The java of the JVM running the launcher: every process it starts runs on the same JDK. */
    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void launch(ServiceSpec service, List<String> command, Map<String, String> extraEnvironment) {
        Path log = layout.log(service);
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(layout.pidFile(service).getParent());
            Files.writeString(log, String.format("%n----- %s: starting %s -----%n", Instant.now(), service.name()),
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(layout.root().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(layout.environment());
            builder.environment().putAll(layout.brokerLogins(service.name()));
            // Every service reads its ports from PORT and MANAGEMENT_PORT (config-repo/<service>.yml).
            builder.environment().put("PORT", Integer.toString(service.port()));
            builder.environment().put("MANAGEMENT_PORT", Integer.toString(service.managementPort()));
            builder.environment().putAll(extraEnvironment);
            freshFileDatabase(service, builder.environment());
            Process process = builder.start();
            process.getOutputStream().close();
            ProcessHandle handle = process.toHandle();
            Files.writeString(layout.pidFile(service), handle.pid() + "\n"
                    + handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L) + "\n");
            out.printf("  %-20s :%-5d starting (pid %d, log %s)%n", service.instanceName(), service.port(), handle.pid(),
                    layout.root().relativize(log));
        } catch (IOException e) {
            throw new LauncherException("cannot start " + service.name() + ": " + e.getMessage());
        }
    }

    /**
     * A service that keeps its local data in an H2 file ({@link SuiteLayout#FILE_DATABASES}) gets a new, empty one,
     * as an in-memory database would be, unless its environment already names a database.
     */
    private void freshFileDatabase(ServiceSpec service, Map<String, String> environment) throws IOException {
        String prefix = SuiteLayout.FILE_DATABASES.get(service.name());
        if (prefix == null || !environment.getOrDefault(prefix + "_URL", "").isBlank()) {
            return;
        }
        Path dir = layout.databaseDir(service);
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(dir);
        environment.put(prefix + "_URL", layout.databaseUrl(service));
        // Its own database, new at every start, gets the sample customers (db/seed: 1234 is the guide's example);
        // a database the developer names gets what CUSTOMER_DB_LOCATIONS says (the schema only by default).
        environment.putIfAbsent(prefix + "_LOCATIONS", SuiteLayout.SEEDED_LOCATIONS);
    }

    /** True once healthy; throws if the process died or the start-up timeout passed. */
    private boolean checkStarting(ServiceSpec service, Instant launched) {
        if (runningProcess(service).isEmpty()) {
            throw new LauncherException(service.instanceName() + " exited during start-up; see " + layout.log(service)
                    + lastLines(layout.log(service)));
        }
        if (isHealthy(service)) {
            return true;
        }
        if (Duration.between(launched, Instant.now()).compareTo(startTimeout) > 0) {
            throw new LauncherException(service.instanceName() + " not healthy after " + startTimeout.toSeconds()
                    + " s; see " + layout.log(service) + lastLines(layout.log(service)));
        }
        return false;
    }

    /**
     * Healthy is not yet routable: the gateway and catalogs learn about instances from Eureka a few
     * seconds later. Waits until the sample request crosses gateway, catalogs and customer-service.
     */
    private Duration awaitSampleRoute() {
        ServiceSpec gateway = Topology.get("zuul-gateway");
        Instant begin = Instant.now();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + SAMPLE_ROUTE))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(5)).GET().build();
        while (true) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"fallback\":false")) {
                    Duration took = Duration.between(begin, Instant.now());
                    out.printf("  %-20s :%-5d routes %s after %.1f s more%n", gateway.name(), gateway.port(),
                            SAMPLE_ROUTE, took.toMillis() / 1000.0);
                    return took;
                }
            } catch (IOException e) {
                // not yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LauncherException("interrupted");
            }
            if (Duration.between(begin, Instant.now()).compareTo(startTimeout) > 0) {
                throw new LauncherException("all services are healthy but " + SAMPLE_ROUTE + " is not answered through"
                        + " the gateway after " + startTimeout.toSeconds() + " s; see " + layout.runDir().resolve("logs"));
            }
            sleep(POLL);
        }
    }

    public boolean isHealthy(ServiceSpec service) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.healthUrl()))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void stopAll(List<ServiceSpec> services) {
        Map<ServiceSpec, ProcessHandle> stopping = new LinkedHashMap<>();
        for (ServiceSpec service : services) {
            runningProcess(service).ifPresent(process -> {
                process.destroy();
                stopping.put(service, process);
            });
        }
        for (Map.Entry<ServiceSpec, ProcessHandle> entry : stopping.entrySet()) {
            ProcessHandle process = entry.getValue();
            try {
                process.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                out.println("  " + entry.getKey().instanceName() + " did not stop within " + STOP_GRACE.toSeconds()
                        + " s; killing it");
                process.destroyForcibly();
                process.onExit().join();
            }
            out.printf("  %-20s stopped (pid %d)%n", entry.getKey().instanceName(), process.pid());
        }
        services.forEach(this::deletePidFile);
    }

    private void deletePidFile(ServiceSpec service) {
        try {
            Files.deleteIfExists(layout.pidFile(service));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stopAllQuietly() {
        try {
            down();
        } catch (RuntimeException | Error ignored) {
            // best effort: the JVM is going away
        }
    }

    private void stopOnJvmExit() {
        if (!cleanupRegistered) {
            Runtime.getRuntime().addShutdownHook(cleanup);
            cleanupRegistered = true;
        }
    }

    /** The live process recorded in the pid file, if it is still the same process (pids get reused). */
    private Optional<ProcessHandle> runningProcess(ServiceSpec service) {
        Path pidFile = layout.pidFile(service);
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.get(0).trim());
            long started = lines.size() > 1 ? Long.parseLong(lines.get(1).trim()) : 0L;
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> started == 0L
                    || p.info().startInstant().map(i -> Math.abs(i.toEpochMilli() - started) < 1000).orElse(true));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // like Tomcat: connections in TIME_WAIT do not block a restart
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Long> residentMemoryMiB(ProcessHandle process) {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            return Files.readAllLines(status).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024)
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.isEmpty() ? "" : "; last lines:\n    " + lines.subList(Math.max(0, lines.size() - 5), lines.size())
                    .stream().collect(Collectors.joining("\n    "));
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted");
        }
    }
}
