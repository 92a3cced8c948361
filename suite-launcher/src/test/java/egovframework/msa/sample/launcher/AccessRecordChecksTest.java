package egovframework.msa.sample.launcher;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./suite access-records verify} against instances that answer as the services do (200 intact, 409 broken),
 * one that answers otherwise and one that does not answer: one line each, and the exit status. The running suite
 * is checked the same way in the end-to-end tests (AccessRecordsIT).
 */
class AccessRecordChecksTest {

    @TempDir
    Path root;

    private final List<HttpServer> servers = new ArrayList<>();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @AfterEach
    void stopServers() {
        servers.forEach(server -> server.stop(0));
    }

    private AccessRecordChecks checks() {
        SuiteLauncher launcher = new SuiteLauncher(new SuiteLayout(root, root.resolve("var")), new PrintStream(new ByteArrayOutputStream()),
                Duration.ofSeconds(5), List.of(), SuiteLauncher.Jit.C1, Broker.lookAt("127.0.0.1", 1));
        return new AccessRecordChecks(launcher, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    /** An instance whose verify endpoint answers {@code status} and {@code line}, if the operators' login comes with the request. */
    private ServiceSpec instance(String name, int status, String line) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/actuator/accessrecords/verify", exchange -> {
            boolean operator = DevelopmentTokens.managementLogin().equals(exchange.getRequestHeaders().getFirst("Authorization"))
                    && "text/plain".equals(exchange.getRequestHeaders().getFirst("Accept"));
            byte[] body = (operator ? line + "\n" : "").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(operator ? status : 401, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        servers.add(server);
        return new ServiceSpec(name, 0, server.getAddress().getPort(), List.of());
    }

    private static ServiceSpec silent(String name) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new ServiceSpec(name, 0, socket.getLocalPort(), List.of());
        }
    }

    private List<String> lines() {
        return new String(printed.toByteArray(), StandardCharsets.UTF_8).lines().collect(java.util.stream.Collectors.toList());
    }

    @Test
    void everyInstanceIntactIsOneLineEachAndExitZero() throws IOException {
        int status = checks().verify(List.of(instance("customer-service", 200, "access records intact: 3 records (#1 to #3)"),
                instance("catalogs-service", 200, "access records intact: no records yet")));

        assertThat(status).isZero();
        assertThat(lines()).containsExactly("customer-service: access records intact: 3 records (#1 to #3)",
                "catalogs-service: access records intact: no records yet");
    }

    @Test
    void aBrokenChainOrAnInstanceThatCannotSayIsExitOneWithTheOthersStillChecked() throws IOException {
        int status = checks().verify(List.of(instance("customer-service", 409, "access records BROKEN at record #42: its fields"
                        + " do not match its hash"), instance("catalogs-service", 503, "{\"status\":503}"), silent("catalogs-service"),
                instance("customer-service", 200, "access records intact: 1 record (#1 to #1)")));

        assertThat(status).isEqualTo(1);
        assertThat(lines()).hasSize(4);
        assertThat(lines().get(0)).isEqualTo("customer-service: access records BROKEN at record #42: its fields do not match its hash");
        assertThat(lines().get(1)).startsWith("catalogs-service: access records not checked: ").endsWith("answered 503 {\"status\":503}");
        assertThat(lines().get(2)).startsWith("catalogs-service: access records not checked: ").contains("does not answer");
        assertThat(lines().get(3)).startsWith("customer-service: access records intact");
    }

    @Test
    void withNothingRunningItSaysHowToStartAndExitsOne() {
        assertThat(checks().verify(List.of())).isEqualTo(1);
        assertThat(lines()).hasSize(1);
        assertThat(lines().get(0)).startsWith("no instance of customer-service or catalogs-service runs");
    }

    @Test
    void pruneWithoutANamedDatabaseSaysThereIsNothingToPrune() {
        assertThat(checks().prune(Map.of())).isZero();
        assertThat(lines()).allSatisfy(line -> assertThat(line).contains("_URL not set: a local run's records are in each"
                + " instance's own H2 database, new at every start; nothing to prune")).hasSize(2);
    }

    @Test
    void anythingButVerifyOrPruneIsTheUsageAndExitTwo() {
        assertThat(Main.run(new String[]{"access-records"})).isEqualTo(2);
        assertThat(Main.run(new String[]{"access-records", "check"})).isEqualTo(2);
        assertThat(Main.run(new String[]{"access-records", "verify", "now"})).isEqualTo(2);
    }
}
