package egovframework.msa.sample.e2e;

import egovframework.msa.sample.launcher.DevelopmentTokens;
import egovframework.msa.sample.launcher.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No application can capture another's traffic through Eureka: the catalogs service's own login registers a
 * CATALOGS instance with {@code vipAddress: customer} (Ribbon's and the gateway's key for customer-service)
 * pointing at a listener this test opens on loopback. Eureka refuses it (403 problem, one WARN line in its log
 * naming the login and the VIP, eureka.registrations.refused counting it), and 200 requests through the
 * gateway's {@code /customers/**}, sent after every cache between registry and gateway has had time to catch up,
 * all reach customer-service and none the listener. Before this check, such a registration was accepted and the
 * listener got about half of the requests, with the callers' bearer tokens.
 */
@ExtendWith(RunningSuite.class)
class TrafficCaptureIT {

    /** Registry response cache off + client fetch (2 s) + Ribbon refresh (2 s), config-repo/application.yml; doubled. */
    private static final Duration PROPAGATION = Duration.ofSeconds(8);
    private static final int REQUESTS = 200;

    @Test
    void aRegistrationUnderAnotherApplicationsVipIsRefusedAndNoRequestReachesIt() throws Exception {
        Path eurekaLog = RunningSuite.launcher().layout().log(Topology.get("eureka-server"));
        long logBefore = Files.size(eurekaLog);
        long refusedBefore = refusedRegistrations();
        String catalogs = RunningSuite.applicationLogin("eureka", "catalogs");

        try (Listener listener = new Listener()) {
            String instanceId = "localhost:capture:" + listener.port();
            String instance = "{\"instance\":{\"instanceId\":\"" + instanceId + "\",\"hostName\":\"localhost\",\"app\":\"CATALOGS\","
                    + "\"ipAddr\":\"127.0.0.1\",\"vipAddress\":\"customer\",\"secureVipAddress\":\"customer\",\"status\":\"UP\","
                    + "\"port\":{\"$\":" + listener.port() + ",\"@enabled\":\"true\"},\"securePort\":{\"$\":443,\"@enabled\":\"false\"},"
                    + "\"dataCenterInfo\":{\"@class\":\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\",\"name\":\"MyOwn\"}}}";
            try {
                HttpResponse<byte[]> registered = Http.send(HttpRequest.newBuilder(URI.create(RunningSuite.url("eureka-server", "/eureka/apps/CATALOGS")))
                        .header("Content-Type", "application/json").header("Authorization", catalogs)
                        .POST(HttpRequest.BodyPublishers.ofString(instance)));
                assertThat(registered.statusCode()).as(Http.text(registered)).isEqualTo(403);
                assertThat(registered.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
                assertThat(Http.json(registered).path("detail").asText()).contains("catalogs", "customer");

                RunningSuite.pause(PROPAGATION);
                String token = RunningSuite.readToken();
                for (int i = 0; i < REQUESTS; i++) {
                    HttpResponse<byte[]> customer = Http.get(RunningSuite.url("zuul-gateway", "/customers/1234"), "application/json", token);
                    assertThat(customer.statusCode()).as("request " + i + ": " + Http.text(customer)).isEqualTo(200);
                    assertThat(Http.json(customer).path("name").asText()).as("request " + i).isEqualTo("홍길동");
                }
                assertThat(listener.connections()).as("connections the listener received").isZero();
                assertThat(RunningSuite.eurekaRegistry().orElseThrow()).as("Eureka lists").doesNotContainKey(listener.port());
            } finally {
                // Nothing to remove when the registry refused; were it accepted, the suite is left as found all the same.
                Http.send(HttpRequest.newBuilder(URI.create(RunningSuite.url("eureka-server", "/eureka/apps/CATALOGS/") + instanceId))
                        .header("Authorization", catalogs).DELETE());
            }
        }

        List<String> warnings = refusalLines(eurekaLog, logBefore);
        assertThat(warnings).as("eureka-server's WARN lines about the refusal").hasSize(1);
        assertThat(warnings.get(0)).contains("WARN", "login 'catalogs'", "vipAddress 'customer'");
        assertThat(refusedRegistrations() - refusedBefore).as("eureka_registrations_refused_total{reason=foreign-vip}").isEqualTo(1);
    }

    /** The registry's count of registrations refused for a foreign VIP, as Prometheus scrapes it. */
    static long refusedRegistrations() {
        HttpResponse<byte[]> scrape = Http.send(HttpRequest.newBuilder(URI.create(RunningSuite.management("eureka-server", "/actuator/prometheus")))
                .header("Authorization", DevelopmentTokens.basic(RunningSuite.METRICS_USER, RunningSuite.METRICS_PASSWORD)));
        assertThat(scrape.statusCode()).isEqualTo(200);
        Matcher count = Pattern.compile("(?m)^eureka_registrations_refused_total\\{[^}]*reason=\"foreign-vip\"[^}]*} (\\S+)$").matcher(Http.text(scrape));
        assertThat(count.find()).as("eureka_registrations_refused_total{reason=\"foreign-vip\"} in the registry's metrics").isTrue();
        return (long) Double.parseDouble(count.group(1));
    }

    /** The refusal lines eureka-server logged since {@code from} (bytes), waiting a moment for the log to be written. */
    private static List<String> refusalLines(Path log, long from) throws IOException {
        List<String> lines = List.of();
        for (int attempt = 0; attempt < 20 && lines.isEmpty(); attempt++) {
            byte[] all = Files.readAllBytes(log);
            String added = new String(all, (int) from, all.length - (int) from, StandardCharsets.UTF_8);
            lines = added.lines().filter(line -> line.contains("Registration refused")).collect(Collectors.toList());
            if (lines.isEmpty()) {
                RunningSuite.pause(Duration.ofMillis(250));
            }
        }
        return lines;
    }

    /** A loopback HTTP listener that counts the connections it gets and answers each with a customer of its own. */
    private static final class Listener implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger connections = new AtomicInteger();
        private final Thread acceptor = new Thread(this::accept, "capture-listener");

        Listener() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    connections.incrementAndGet();
                    client.setSoTimeout(2_000);
                    InputStream in = client.getInputStream();
                    in.read(new byte[8192]);
                    byte[] body = "{\"id\":1234,\"name\":\"captured\"}".getBytes(StandardCharsets.UTF_8);
                    OutputStream out = client.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body);
                } catch (IOException e) {
                    // closed (the test is over) or one broken connection: the loop's condition tells which
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
