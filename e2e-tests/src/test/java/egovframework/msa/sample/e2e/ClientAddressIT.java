package egovframework.msa.sample.e2e;

import egovframework.msa.sample.launcher.DevelopmentTokens;
import egovframework.msa.sample.launcher.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client address and the public URL, over real connections: a caller cannot choose the address the services
 * log or the host their links name, whatever Forwarded, X-Forwarded-* or Host headers it sends; behind a trusted
 * proxy (TRUSTED_PROXIES) the client is the one the proxy names; a bad value stops the gateway in one line.
 */
@ExtendWith(RunningSuite.class)
class ClientAddressIT {

    private static final String GATEWAY = RunningSuite.url("zuul-gateway", "");
    private static final int GATEWAY_PORT = Topology.get("zuul-gateway").port();
    private static final Pattern LOCATION = Pattern.compile("(?im)^Location: (\\S+)\\s*$");

    /** Everything a caller could write to choose its address and the host of links, on a POST that creates a customer. */
    private static final String SPOOFED = "X-Forwarded-For: 203.0.113.66\r\nX-Forwarded-Host: evil.example\r\n"
            + "X-Forwarded-Proto: https\r\nX-Forwarded-Port: 443\r\nX-Forwarded-Prefix: /evil\r\n"
            + "Forwarded: for=198.51.100.66;host=evil.example;proto=https\r\n";

    @Test
    void aSpoofingCallerIsLoggedWithItsOwnAddressAndItsSubjectAndLinksNameThePublicUrl() {
        String subject = "edge-" + UUID.randomUUID();
        Created created = create(subject, SPOOFED);
        try {
            assertThat(created.location).isEqualTo(GATEWAY + "/customers/" + created.id);
            for (String service : List.of("zuul-gateway", "customer-service")) {
                String line = accessLine(service, created.traceId, "POST /customers 201 ");
                assertThat(line).as(service).contains(" client=127.0.0.1 subject=" + subject)
                        .doesNotContain("203.0.113.66").doesNotContain("198.51.100.66");
            }
        } finally {
            delete(created.id);
        }
    }

    /**
     * With the gateway told that 127.0.0.1 is a proxy (this test's own connection), the client is the rightmost
     * address of the chain that is no trusted proxy, in X-Forwarded-For or Forwarded; X-Forwarded-Host and Host
     * still never reach the links.
     */
    @Test
    void behindATrustedProxyTheClientIsTheFirstUntrustedAddressOfTheChain() {
        try {
            RunningSuite.launcher().restart("zuul-gateway", Map.of("TRUSTED_PROXIES", "127.0.0.1/32"));
            RunningSuite.awaitRouted();
            assertThat(clientSeenByCustomerService("X-Forwarded-For", "198.51.100.1, 203.0.113.9, 127.0.0.1")).isEqualTo("203.0.113.9");
            assertThat(clientSeenByCustomerService("X-Forwarded-For", "203.0.113.9:51234")).isEqualTo("203.0.113.9");
            assertThat(clientSeenByCustomerService("Forwarded", "for=198.51.100.1, for=\"[2001:db8:cafe::17]:4711\";proto=https"))
                    .isEqualTo("2001:db8:cafe:0:0:0:0:17");
            assertThat(clientSeenByCustomerService("X-Forwarded-For", "unknown")).as("a hop without an address").isEqualTo("127.0.0.1");

            String subject = "edge-" + UUID.randomUUID();
            Created created = create(subject, "X-Forwarded-For: 198.51.100.1, 203.0.113.9\r\nX-Forwarded-Host: evil.example\r\n"
                    + "X-Forwarded-Proto: https\r\n");
            try {
                assertThat(created.location).isEqualTo(GATEWAY + "/customers/" + created.id);
                assertThat(accessLine("customer-service", created.traceId, "POST /customers 201 "))
                        .contains(" client=203.0.113.9 subject=" + subject);
            } finally {
                delete(created.id);
            }
        } finally {
            RunningSuite.launcher().restart("zuul-gateway", Map.of());
            RunningSuite.awaitRouted();
        }
        assertThat(clientSeenByCustomerService("X-Forwarded-For", "203.0.113.9")).as("back to trusting no proxy").isEqualTo("127.0.0.1");
    }

    /** The gateway's jar, started against the running config server, with a bad value: one line, a non-zero exit. */
    @Test
    void aTrustedProxiesValueThatIsNoCidrOrNoPublicUrlStopsTheGatewayInOneLine() throws Exception {
        StartupFailuresIT.Result badCidr = StartupFailuresIT.run("zuul-gateway", gatewayAlone("http://localhost:8000", "10.0.0.0/33"));
        assertThat(badCidr.exitCode).isNotZero();
        assertThat(badCidr.errorLines).containsExactly(
                "Refusing to start. TRUSTED_PROXIES (suite.gateway.trusted-proxies): '10.0.0.0/33' has no prefix length between 1 and 32");
        assertThat(badCidr.output).doesNotContain("\tat ");

        StartupFailuresIT.Result noUrl = StartupFailuresIT.run("zuul-gateway", gatewayAlone("", ""));
        assertThat(noUrl.exitCode).isNotZero();
        assertThat(noUrl.errorLines).containsExactly("Refusing to start. GATEWAY_PUBLIC_URL (suite.gateway.public-url) is not set:"
                + " name the URL callers reach the gateway at, e.g. https://egov-msa.example.go.kr");
        assertThat(noUrl.output).doesNotContain("\tat ");
    }

    /** A second gateway beside the suite's: its configuration from the running config server, ports of its own. */
    private static Map<String, String> gatewayAlone(String publicUrl, String trustedProxies) {
        return Map.of("SPRING_PROFILES_ACTIVE", "local", "CONFIG_SERVER_URI", RunningSuite.url("config-server", ""),
                "EUREKA_HOST", "localhost:" + Topology.get("eureka-server").port(), "JWT_HMAC_SECRET", RunningSuite.tokenKey(),
                "PORT", "0", "MANAGEMENT_PORT", "0", "GATEWAY_PUBLIC_URL", publicUrl, "TRUSTED_PROXIES", trustedProxies);
    }

    /** The client address customer-service logs for a read through the gateway that carries this header. */
    private static String clientSeenByCustomerService(String header, String value) {
        String traceId = RunningSuite.randomHex(32);
        HttpResponse<byte[]> answer = Http.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/customers/1234"))
                .header("Accept", "application/json").header("Authorization", "Bearer " + RunningSuite.readToken())
                .header("traceparent", "00-" + traceId + "-" + RunningSuite.randomHex(16) + "-00").header(header, value));
        assertThat(answer.statusCode()).as(Http.text(answer)).isEqualTo(200);
        Matcher client = Pattern.compile(" client=(\\S+) ").matcher(accessLine("customer-service", traceId, "GET /customers/1234 200 "));
        assertThat(client.find()).isTrue();
        return client.group(1);
    }

    private static String accessLine(String service, String traceId, String start) {
        List<String> lines = RunningSuite.awaitLogLines(service, traceId, line -> line.contains(start));
        assertThat(lines).as(service + " logs " + start + "with trace " + traceId).hasSize(1);
        System.out.println("[e2e] " + service + ": " + lines.get(0).substring(lines.get(0).indexOf(start)));
        return lines.get(0);
    }

    /** A customer created by a POST written byte by byte: a client library would not send a Host of the caller's choice. */
    private static Created create(String subject, String extraHeaders) {
        String token = DevelopmentTokens.mint(RunningSuite.tokenKey(), subject, List.of("customers:write"), List.of(), Duration.ofMinutes(5));
        String traceId = RunningSuite.randomHex(32);
        byte[] body = ("{\"name\":\"주소검사\",\"email\":\"edge.check-" + UUID.randomUUID() + "@example.go.kr\",\"phone\":\"010-2222-3333\","
                + "\"address\":{\"zipCode\":\"30103\",\"street\":\"세종특별자치시 도움6로 11\"}}").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST /customers HTTP/1.1\r\nHost: evil.example:666\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nAuthorization: Bearer " + token + "\r\n"
                + "traceparent: 00-" + traceId + "-" + RunningSuite.randomHex(16) + "-00\r\n" + extraHeaders
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(body);
        RawHttp.Answer answer = RawHttp.exchange(GATEWAY_PORT, request.toByteArray());
        assertThat(answer.status).as(answer.text).isEqualTo(201);
        Matcher location = LOCATION.matcher(answer.text);
        assertThat(location.find()).as(answer.text).isTrue();
        String url = location.group(1);
        return new Created(Long.parseLong(url.substring(url.lastIndexOf('/') + 1)), url, traceId);
    }

    private static void delete(long id) {
        HttpResponse<byte[]> deleted = Http.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/customers/" + id))
                .header("Authorization", "Bearer " + RunningSuite.writeToken()).DELETE());
        assertThat(deleted.statusCode()).isEqualTo(204);
    }

    private static final class Created {
        final long id;
        final String location;
        final String traceId;

        Created(long id, String location, String traceId) {
            this.id = id;
            this.location = location;
            this.traceId = traceId;
        }
    }
}
