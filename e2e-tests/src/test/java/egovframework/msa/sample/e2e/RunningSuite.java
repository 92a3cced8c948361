package egovframework.msa.sample.e2e;

import egovframework.msa.sample.launcher.Broker;
import egovframework.msa.sample.launcher.DevelopmentTokens;
import egovframework.msa.sample.launcher.ServiceSpec;
import egovframework.msa.sample.launcher.SuiteLauncher;
import egovframework.msa.sample.launcher.SuiteLayout;
import egovframework.msa.sample.launcher.Topology;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real topology for the end-to-end tests: started once, with the same launcher as ./suite up,
 * for every test class that uses this extension, and stopped (every process, checked) when the whole
 * run ends, also when tests fail. The launcher's shutdown hook covers a JVM that dies.
 */
public final class RunningSuite implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

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

    private static SuiteLauncher launcher;
    private static Path root;

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
        return "http://localhost:" + Topology.get(service).port() + path;
    }

    /** A URL on a service's management port (instance 1). */
    static String management(String service, String path) {
        return "http://localhost:" + Topology.get(service).managementPort() + path;
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
        return DevelopmentTokens.mint(DevelopmentTokens.secret(), "e2e", scopes, roles, ttl);
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
