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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Starts the suite's services as separate JVMs in dependency order, waits until each reports healthy,
 * and stops them again by process id. This is the one way the topology is started: {@code ./suite}
 * calls it from the command line and the end-to-end tests call it as a library.
 */
public final class SuiteLauncher {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /** Small, fast-starting JVMs: six of them share a developer laptop. SUITE_JAVA_OPTS adds to these. */
    static final List<String> JVM_OPTIONS = List.of("-Xms32m", "-Xmx256m", "-Xss512k", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8");

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
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread cleanup = new Thread(this::stopAllQuietly, "suite-launcher-cleanup");
    private boolean cleanupRegistered;

    public SuiteLauncher(SuiteLayout layout, PrintStream out, Duration startTimeout, List<String> extraJvmOptions) {
        this.layout = layout;
        this.out = out;
        this.startTimeout = startTimeout;
        this.extraJvmOptions = List.copyOf(extraJvmOptions);
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
        preflight(Topology.SERVICES);
        stopOnJvmExit();
        Map<String, Duration> took = new LinkedHashMap<>();
        Map<ServiceSpec, Instant> pending = new LinkedHashMap<>();
        try {
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
                        out.printf("  %-18s :%-5d healthy after %5.1f s%n", service.name(), service.port(),
                                duration.toMillis() / 1000.0);
                    }
                }
                sleep(POLL);
            }
            return new StartReport(took, awaitSampleRoute());
        } catch (RuntimeException e) {
            out.println("Start-up failed; stopping what was started.");
            stopAllQuietly();
            throw e;
        }
    }

    /** Starts one service (its dependencies must already run) and waits until it is healthy. */
    public Duration start(String name) {
        ServiceSpec service = Topology.get(name);
        preflight(List.of(service));
        stopOnJvmExit();
        Instant launched = Instant.now();
        launch(service);
        while (!checkStarting(service, launched)) {
            sleep(POLL);
        }
        Duration took = Duration.between(launched, Instant.now());
        out.printf("  %-18s :%-5d healthy after %5.1f s%n", service.name(), service.port(), took.toMillis() / 1000.0);
        return took;
    }

    /** Stops one service gracefully (SIGTERM, then a forced stop after 30 s). */
    public void stop(String name) {
        stopAll(List.of(Topology.get(name)));
    }

    /** Stops every service this run directory knows of: clients first, then Eureka, then the config server. */
    public void down() {
        List<ServiceSpec> reversed = new ArrayList<>(Topology.SERVICES);
        Collections.reverse(reversed);
        stopAll(reversed.subList(0, reversed.size() - 2));
        stopAll(reversed.subList(reversed.size() - 2, reversed.size() - 1));
        stopAll(reversed.subList(reversed.size() - 1, reversed.size()));
        detach();
    }

    /** After a successful {@code up} from the command line: the services outlive the launcher. */
    public void detach() {
        if (cleanupRegistered) {
            cleanupRegistered = false;
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    /** One line per service: state, pid, resident memory. */
    public List<String> status() {
        List<String> lines = new ArrayList<>();
        for (ServiceSpec service : Topology.SERVICES) {
            Optional<ProcessHandle> process = runningProcess(service);
            String state = process.isEmpty() ? "stopped" : isHealthy(service) ? "healthy" : "running (not healthy)";
            String pid = process.map(p -> Long.toString(p.pid())).orElse("-");
            String rss = process.flatMap(SuiteLauncher::residentMemoryMiB).map(m -> m + " MiB").orElse("-");
            lines.add(String.format("  %-18s :%-5d (management :%d) %-22s pid %-8s rss %s", service.name(),
                    service.port(), service.managementPort(), state, pid, rss));
        }
        return lines;
    }

    public boolean isRunning(String name) {
        return runningProcess(Topology.get(name)).isPresent();
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
                throw new LauncherException(service.name() + " is already running (pid " + running.get().pid()
                        + "); stop it first with ./suite down");
            }
        }
        for (ServiceSpec service : services) {
            for (int port : List.of(service.port(), service.managementPort())) {
                if (!portFree(port)) {
                    throw new LauncherException("port " + port + " for " + service.name()
                            + " is already in use; stop what holds it and try again");
                }
            }
        }
    }

    private void launch(ServiceSpec service) {
        Path log = layout.log(service);
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(layout.pidFile(service).getParent());
            Files.writeString(log, String.format("%n----- %s: starting %s -----%n", Instant.now(), service.name()),
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JVM_OPTIONS);
            command.addAll(extraJvmOptions);
            command.add("-jar");
            command.add(layout.jar(service).toString());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(layout.root().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(layout.environment());
            Process process = builder.start();
            process.getOutputStream().close();
            ProcessHandle handle = process.toHandle();
            Files.writeString(layout.pidFile(service), handle.pid() + "\n"
                    + handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L) + "\n");
            out.printf("  %-18s :%-5d starting (pid %d, log %s)%n", service.name(), service.port(), handle.pid(),
                    layout.root().relativize(log));
        } catch (IOException e) {
            throw new LauncherException("cannot start " + service.name() + ": " + e.getMessage());
        }
    }

    /** True once healthy; throws if the process died or the start-up timeout passed. */
    private boolean checkStarting(ServiceSpec service, Instant launched) {
        if (runningProcess(service).isEmpty()) {
            throw new LauncherException(service.name() + " exited during start-up; see " + layout.log(service)
                    + lastLines(layout.log(service)));
        }
        if (isHealthy(service)) {
            return true;
        }
        if (Duration.between(launched, Instant.now()).compareTo(startTimeout) > 0) {
            throw new LauncherException(service.name() + " not healthy after " + startTimeout.toSeconds()
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
                    out.printf("  %-18s :%-5d routes %s after %.1f s more%n", gateway.name(), gateway.port(),
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
                out.println("  " + entry.getKey().name() + " did not stop within " + STOP_GRACE.toSeconds()
                        + " s; killing it");
                process.destroyForcibly();
                process.onExit().join();
            }
            out.printf("  %-18s stopped (pid %d)%n", entry.getKey().name(), process.pid());
        }
        for (ServiceSpec service : services) {
            try {
                Files.deleteIfExists(layout.pidFile(service));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
