package egovframework.msa.sample.e2e;

import egovframework.msa.sample.launcher.Broker;
import egovframework.msa.sample.launcher.DevelopmentTokens;
import egovframework.msa.sample.launcher.ServiceSpec;
import egovframework.msa.sample.launcher.SuiteLauncher;
import egovframework.msa.sample.launcher.SuiteLayout;
import egovframework.msa.sample.launcher.Topology;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The real topology for the end-to-end tests: started once, with the same launcher as ./suite up,
 * for every test class that uses this extension, and stopped (every process, checked) when the whole
 * run ends, also when tests fail. The launcher's shutdown hook covers a JVM that dies.
 *
 * <p>The classes share it in whatever order JUnit runs them, so each must leave it as it found it: after every
 * class (after its own {@code @AfterAll}) {@link #awaitAsFound} waits until the suite is back to its state at
 * the start and fails that class if it is not (see there).
 */
public final class RunningSuite implements BeforeAllCallback, AfterAllCallback, ExtensionContext.Store.CloseableResource {

    /** The operators' development logins (topology.properties; the suite runs in the default profile). */
    static final String CONFIG_USER = Topology.setting("CONFIG_OPERATOR_USERNAME");
    static final String CONFIG_PASSWORD = Topology.setting("CONFIG_OPERATOR_PASSWORD");
    static final String EUREKA_USER = Topology.setting("EUREKA_OPERATOR_USERNAME");
    static final String EUREKA_PASSWORD = Topology.setting("EUREKA_OPERATOR_PASSWORD");
    /** The operators' login to the services' operations endpoints and the dashboard, and the stream key. */
    static final String MANAGEMENT_LOGIN = DevelopmentTokens.managementLogin();
    static final String STREAM_KEY = Topology.setting("STREAM_KEY");
    /** Prometheus' scrape login. */
    static final String METRICS_USER = Topology.setting("METRICS_USERNAME");
    static final String METRICS_PASSWORD = Topology.setting("METRICS_PASSWORD");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static SuiteLauncher launcher;
    private static Path root;
    /** The seeded config repository's files and the number of customers, once the suite first answered in full. */
    private static Map<String, String> configAtStart;
    private static long customersAtStart = -1;

    /** Bounds {@link #awaitRouted}: a restarted service's registration, every caller's registry fetch and Ribbon refresh. */
    private static final Duration SETTLE = Duration.ofSeconds(120);
    private static final int IN_A_ROW = 10;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        synchronized (RunningSuite.class) {
            if (launcher != null) {
                return;
            }
            root = Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
            Path runDir = Path.of(System.getProperty("suite.runDir", "target/e2e-run")).toAbsolutePath();
            deleteRecursively(runDir);
            // C1 by default, like ./suite up (the faster start-up keeps the build short); -Dsuite.jit=tiered
            // runs the end-to-end suite, load scenarios included, on the full JIT.
            launcher = new SuiteLauncher(new SuiteLayout(root, runDir), System.out, Duration.ofSeconds(240), List.of(),
                    SuiteLauncher.Jit.parse(System.getProperty("suite.jit", "c1")), broker());
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(RunningSuite.class.getName(), this);
            Instant begin = Instant.now();
            // With Zipkin, so TracingIT finds every hop's spans there.
            SuiteLauncher.StartReport report = launcher.up(true);
            System.out.printf("[e2e] suite healthy and routed in %.1f s (sample route %.1f s after the last health check)%n",
                    Duration.between(begin, Instant.now()).toMillis() / 1000.0, report.routable().toMillis() / 1000.0);
            launcher.status().forEach(line -> System.out.println("[e2e]" + line));
            // up() waits for the sample route only (gateway, catalogs, customer-service); the gateway's own route to
            // customer-service may still be catching up. What the first class finds is what every class must leave.
            awaitRouted();
            configAtStart = configFiles();
            customersAtStart = customerCount();
        }
    }

    /** After each class (and its own {@code @AfterAll}): the next class, whichever it is, finds the suite as it was. */
    @Override
    public void afterAll(ExtensionContext context) {
        if (customersAtStart >= 0) {
            awaitAsFound(context.getRequiredTestClass().getSimpleName());
        }
    }

    /**
     * Waits until the suite is as the first class found it, or fails naming what is not: the seeded config
     * repository's files as at the start (a changed value must be committed back and refreshed by whoever
     * changed it), the broker up and Zipkin answering, no further instance of any service running, then
     * {@link #awaitRouted}, customer-service's outbox empty (no events of this class still on their way into
     * the next one's read model), and as many customers as at the start (every class deletes what it creates; a
     * restarted customer-service starts from the same seed).
     */
    static void awaitAsFound(String after) {
        String who = "after " + after + ": ";
        Instant begin = Instant.now();
        if (!configFiles().equals(configAtStart)) {
            throw new AssertionError(who + "the seeded config repository " + launcher.layout().configGitDir()
                    + " differs from its state at the start");
        }
        List<String> broker = launcher.status().stream().filter(line -> line.trim().startsWith("broker ")).collect(Collectors.toList());
        if (broker.size() != 1 || !broker.get(0).contains(": up")) {
            throw new AssertionError(who + "the broker is not up: " + broker);
        }
        if (!launcher.zipkinAnswers()) {
            throw new AssertionError(who + "Zipkin does not answer");
        }
        for (ServiceSpec service : Topology.SERVICES) {
            for (int n = 2; n <= ServiceSpec.MAX_INSTANCES; n++) {
                if (launcher.isRunning(service.name(), n)) {
                    throw new AssertionError(who + service.instance(n).instanceName() + " still runs");
                }
            }
        }
        awaitRouted();
        Instant deadline = Instant.now().plus(SETTLE);
        long pending;
        while ((pending = outboxPending()) != 0 && Instant.now().isBefore(deadline)) {
            pause(Duration.ofMillis(500));
        }
        if (pending != 0) {
            throw new AssertionError(who + "customer-service's outbox still holds " + pending + " events after " + SETTLE.toSeconds() + " s");
        }
        long customers = customerCount();
        if (customers != customersAtStart) {
            throw new AssertionError(who + customers + " customers, " + customersAtStart + " at the start");
        }
        System.out.printf("[e2e] suite as found after %s (%.1f s)%n", after, Duration.between(begin, Instant.now()).toMillis() / 1000.0);
    }

    /**
     * Waits until instance 1 of every service is healthy, Eureka lists exactly instance 1 of each service that
     * registers and as UP (a stopped or killed second instance gone, a refreshed or restarted one back), and both
     * routes through the gateway answer real data {@value #IN_A_ROW} times in a row: customer 1234 on its own route
     * and through catalogs with no fallback (catalogs' circuit closed, every caller's server list caught up). For a
     * test that restarted, stopped or refreshed something, before it goes on or ends; fails after two minutes.
     */
    static void awaitRouted() {
        Instant deadline = Instant.now().plus(SETTLE);
        int inARow = 0;
        String problem = "not checked";
        while (inARow < IN_A_ROW && Instant.now().isBefore(deadline)) {
            problem = routingProblem();
            inARow = problem == null ? inARow + 1 : 0;
            pause(Duration.ofMillis(problem == null ? 100 : 500));
        }
        if (inARow < IN_A_ROW) {
            throw new AssertionError("the suite is not back within " + SETTLE.toSeconds() + " s: " + problem);
        }
    }

    /** Null if the suite answers as at the start right now, otherwise what is not yet back. */
    private static String routingProblem() {
        for (ServiceSpec service : Topology.SERVICES) {
            if (!launcher.isHealthy(service)) {
                return service.name() + " not healthy";
            }
        }
        Map<Integer, String> expected = new TreeMap<>();
        Topology.SERVICES.stream().filter(s -> !s.name().equals("config-server") && !s.name().equals("eureka-server"))
                .forEach(s -> expected.put(s.port(), "UP"));
        Map<Integer, String> registered = eurekaRegistry().orElse(Map.of());
        if (!registered.equals(expected)) {
            return "Eureka lists (port=status) " + registered + ", expected " + expected;
        }
        try {
            HttpResponse<byte[]> customer = Http.get(url("zuul-gateway", "/customers/1234"), "application/json", readToken());
            if (customer.statusCode() != 200 || !"홍길동".equals(Http.json(customer).path("name").asText())) {
                return "gateway /customers/1234: " + customer.statusCode() + " " + Http.text(customer);
            }
            HttpResponse<byte[]> catalogs = Http.get(url("zuul-gateway", SuiteLauncher.SAMPLE_ROUTE), "application/json", readToken());
            if (catalogs.statusCode() != 200 || Http.json(catalogs).path("fallback").asBoolean(true)) {
                return "gateway " + SuiteLauncher.SAMPLE_ROUTE + ": " + catalogs.statusCode() + " " + Http.text(catalogs);
            }
        } catch (IllegalStateException notAnswering) {
            return "gateway: " + notAnswering.getMessage();
        }
        return null;
    }

    /** Every instance Eureka lists, by application port, with its status; empty if the registry does not answer. */
    static Optional<Map<Integer, String>> eurekaRegistry() {
        HttpResponse<byte[]> response;
        try {
            response = Http.send(HttpRequest.newBuilder(URI.create(url("eureka-server", "/eureka/apps")))
                    .header("Accept", "application/json")
                    .header("Authorization", DevelopmentTokens.basic(EUREKA_USER, EUREKA_PASSWORD)));
        } catch (IllegalStateException notAnswering) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        Map<Integer, String> registered = new TreeMap<>();
        for (JsonNode app : list(Http.json(response).path("applications").path("application"))) {
            for (JsonNode instance : list(app.path("instance"))) {
                registered.put(instance.path("port").path("$").asInt(), instance.path("status").asText());
            }
        }
        return Optional.of(registered);
    }

    private static Iterable<JsonNode> list(JsonNode node) {
        // Eureka writes a single element without the list in some versions.
        return node.isArray() ? node : node.isMissingNode() ? List.of() : List.of(node);
    }

    /** customer-service's gauge of events written but not yet confirmed by the broker; -1 if it cannot be read. */
    private static long outboxPending() {
        try {
            HttpResponse<byte[]> response = Http.send(HttpRequest.newBuilder(URI.create(
                    management("customer-service", "/actuator/metrics/customer.outbox.pending"))).header("Authorization", MANAGEMENT_LOGIN));
            if (response.statusCode() != 200) {
                return -1;
            }
            for (JsonNode measurement : Http.json(response).path("measurements")) {
                if ("VALUE".equals(measurement.path("statistic").asText())) {
                    return Math.round(measurement.path("value").asDouble());
                }
            }
        } catch (IllegalStateException notAnswering) {
            // -1 below
        }
        return -1;
    }

    private static long customerCount() {
        HttpResponse<byte[]> page = Http.get(url("zuul-gateway", "/customers?size=1"), "application/json", readToken());
        if (page.statusCode() != 200) {
            throw new AssertionError("cannot count the customers: " + page.statusCode() + " " + Http.text(page));
        }
        return Http.json(page).get("totalElements").asLong();
    }

    /** The seeded config repository's files (not .git) and their content. */
    private static Map<String, String> configFiles() {
        Path dir = launcher.layout().configGitDir();
        try (Stream<Path> files = Files.walk(dir)) {
            Map<String, String> content = new TreeMap<>();
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !dir.relativize(f).startsWith(".git"))
                    .collect(Collectors.toList())) {
                content.put(dir.relativize(file).toString(), Files.readString(file));
            }
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        launcher.down();
        for (ServiceSpec service : Topology.SERVICES) {
            if (launcher.isRunning(service.name())) {
                throw new IllegalStateException(service.name() + " still runs after the end-to-end suite");
            }
        }
        if (launcher.isBrokerRunning()) {
            throw new IllegalStateException("the embedded broker still runs after the end-to-end suite");
        }
    }

    /**
     * Where the launcher looks for RabbitMQ: as ./suite up does (RABBITMQ_HOST/RABBITMQ_PORT, or 127.0.0.1:5672),
     * or, with -Dsuite.broker=embedded, on a free port where nothing answers, so the launcher starts the
     * embedded broker there and the whole end-to-end suite runs on it, next to the machine's RabbitMQ.
     */
    private static Broker broker() throws IOException {
        String mode = System.getProperty("suite.broker", "auto");
        switch (mode) {
            case "auto":
                return Broker.wanted();
            case "embedded":
                try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                    return Broker.lookAt("127.0.0.1", socket.getLocalPort());
                }
            default:
                throw new IllegalArgumentException("suite.broker must be auto or embedded, not '" + mode + "'");
        }
    }

    /** Which broker the suite runs on, as -Dsuite.broker asked: auto (RabbitMQ if it answers) or embedded. */
    static String brokerMode() {
        return System.getProperty("suite.broker", "auto");
    }

    /** A URL on a service's application port (instance 1), as topology.properties names it. */
    static String url(String service, String path) {
        return Topology.get(service).url(path);
    }

    /** A URL on a service's management port (instance 1). */
    static String management(String service, String path) {
        return Topology.get(service).managementUrl(path);
    }

    /** An application's own login at the config server or at Eureka ("config" or "eureka"), in a local run. */
    static String applicationLogin(String server, String application) {
        return DevelopmentTokens.basic(application, Topology.developmentPassword(server, application));
    }

    static SuiteLauncher launcher() {
        return launcher;
    }

    static Path root() {
        return root;
    }

    /** A bearer token signed with the suite's key, as ./suite token makes one. */
    static String token(List<String> scopes, List<String> roles, Duration ttl) {
        return DevelopmentTokens.mint(tokenKey(), "e2e", scopes, roles, ttl);
    }

    /** The key the running suite signs and checks tokens with: made for this run by the launcher. */
    static String tokenKey() {
        return DevelopmentTokens.secret(launcher.layout());
    }

    /**
     * Every value topology.properties writes, and every development value ("dev-" and what follows) written in a
     * file the repository tracks: what anyone who reads the repository knows.
     */
    static Set<String> committedValues() throws IOException {
        Set<String> values = new TreeSet<>();
        Properties topology = new Properties();
        try (Reader in = Files.newBufferedReader(root.resolve("topology.properties"))) {
            topology.load(in);
        }
        topology.stringPropertyNames().forEach(key -> values.add(topology.getProperty(key)));
        Pattern development = Pattern.compile("\\bdev-[A-Za-z0-9._-]+");
        Process files = new ProcessBuilder("git", "ls-files", "-z").directory(root.toFile()).start();
        for (String name : new String(files.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\0")) {
            Path file = root.resolve(name);
            if (name.isEmpty() || !Files.isRegularFile(file) || Files.size(file) > 1_000_000) {
                continue;
            }
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            Matcher found = development.matcher(text);
            while (found.find()) {
                values.add(found.group());
            }
        }
        values.removeIf(String::isBlank);
        return values;
    }

    static String readToken() {
        return token(List.of("customers:read"), List.of(), Duration.ofMinutes(30));
    }

    static String writeToken() {
        return token(List.of("customers:write"), List.of(), Duration.ofMinutes(30));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * The lines of a service's log (instance 1) that contain {@code text} (a trace id, say) and match, waiting up
     * to 15 s for them to be written; empty if none came.
     */
    static List<String> awaitLogLines(String service, String text, Predicate<String> match) {
        Path log = launcher.layout().log(Topology.get(service));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        List<String> found = List.of();
        while (found.isEmpty() && Instant.now().isBefore(deadline)) {
            try {
                found = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                        .filter(line -> line.contains(text)).filter(match).collect(Collectors.toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (found.isEmpty()) {
                pause(Duration.ofMillis(250));
            }
        }
        return found;
    }

    /** Random lower-case hex digits: trace ids ({@code 32}) and span ids ({@code 16}) of the test's own. */
    static String randomHex(int digits) {
        StringBuilder out = new StringBuilder(digits);
        while (out.length() < digits) {
            out.append(Integer.toHexString(RANDOM.nextInt(16)));
        }
        return out.toString();
    }

    /** Waits, for the polling loops of the tests; an interrupt ends the test. */
    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
