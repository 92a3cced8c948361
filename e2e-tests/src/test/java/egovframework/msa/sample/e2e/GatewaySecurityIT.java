package egovframework.msa.sample.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import egovframework.msa.sample.launcher.DevelopmentTokens;
import egovframework.msa.sample.launcher.ServiceSpec;
import egovframework.msa.sample.launcher.Topology;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may do what, checked over real connections against the running suite. */
@ExtendWith(RunningSuite.class)
class GatewaySecurityIT {

    private static final String GATEWAY = RunningSuite.url("zuul-gateway", "");
    private static final String CUSTOMER_SERVICE = RunningSuite.url("customer-service", "");
    /** E-mail addresses are unique across customers: this run's own, so no earlier run's leftover conflicts. */
    private static final String NEW_CUSTOMER = "{\"name\":\"이몽룡\",\"email\":\"mongryong.lee-" + UUID.randomUUID()
            + "@example.go.kr\",\"phone\":\"010-3456-7890\",\"address\":{\"zipCode\":\"54999\",\"street\":\"남원시 요천로 1447\"}}";

    @Test
    void readingCustomersNeedsTheReadScope() {
        assertProblem(Http.get(GATEWAY + "/customers/1234", "application/json"), 401);
        assertProblem(Http.get(GATEWAY + "/customers?size=50", "application/json"), 401);
        assertProblem(Http.get(GATEWAY + "/customers/1234", "application/json",
                RunningSuite.token(List.of("catalogs:read"), List.of(), Duration.ofMinutes(5))), 403);
        assertThat(Http.get(GATEWAY + "/customers/1234", "application/json", RunningSuite.readToken()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theCatalogsDisplayMasksPersonalDataForAnonymousCallersOnly() {
        String anonymous = Http.text(Http.get(GATEWAY + "/catalogs/customerinfo/1234", "text/plain"));
        assertThat(anonymous).contains("name=홍*동", "phone=010-****-").doesNotContain("홍길동").containsPattern("email=\\w{2}\\*+@");
        JsonNode anonymousJson = Http.json(Http.get(GATEWAY + "/catalogs/customerinfo/1234", "application/json"));
        assertThat(anonymousJson.get("masked").asBoolean()).isTrue();
        assertThat(anonymousJson.path("customer").path("name").asText()).isEqualTo("홍*동");

        String authorised = Http.text(Http.get(GATEWAY + "/catalogs/customerinfo/1234", "text/plain", RunningSuite.readToken()));
        assertThat(authorised).contains("name=홍길동").doesNotContain("*");
        JsonNode authorisedJson = Http.json(Http.get(GATEWAY + "/catalogs/customerinfo/1234", "application/json",
                RunningSuite.readToken()));
        assertThat(authorisedJson.get("masked").asBoolean()).isFalse();
        assertThat(authorisedJson.path("customer").path("name").asText()).isEqualTo("홍길동");
        // A bad token is refused, not taken for an anonymous caller.
        assertProblem(Http.get(GATEWAY + "/catalogs/customerinfo/1234", "text/plain", RunningSuite.readToken() + "x"), 401);
    }

    @Test
    void tokensThatBreakARuleAreRefusedByTheGatewayAndByTheServiceBehindIt() {
        long now = Instant.now().getEpochSecond();
        String secret = RunningSuite.tokenKey();
        String scope = "\"scope\":\"customers:read customers:write\",\"roles\":[\"ADMIN\"]";
        String suite = "\"iss\":\"egov-msa-suite\",\"aud\":\"egov-msa-suite\",\"sub\":\"x\"," + scope;
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("no exp", DevelopmentTokens.signed(secret, "{" + suite + ",\"iat\":" + now + "}"));
        refused.put("expired", DevelopmentTokens.signed(secret, "{" + suite + ",\"iat\":" + (now - 7200) + ",\"exp\":" + (now - 3600) + "}"));
        refused.put("lives 25 h", DevelopmentTokens.signed(secret, "{" + suite + ",\"iat\":" + now + ",\"exp\":" + (now + 90_000) + "}"));
        refused.put("lives a year, no iat", DevelopmentTokens.signed(secret, "{" + suite + ",\"exp\":" + (now + 31_536_000) + "}"));
        refused.put("wrong issuer", DevelopmentTokens.signed(secret, "{\"iss\":\"https://idp.example\",\"aud\":\"egov-msa-suite\","
                + scope + ",\"iat\":" + now + ",\"exp\":" + (now + 300) + "}"));
        refused.put("wrong audience", DevelopmentTokens.signed(secret, "{\"iss\":\"egov-msa-suite\",\"aud\":\"another-api\","
                + scope + ",\"iat\":" + now + ",\"exp\":" + (now + 300) + "}"));
        refused.put("no audience", DevelopmentTokens.signed(secret, "{\"iss\":\"egov-msa-suite\"," + scope + ",\"iat\":" + now
                + ",\"exp\":" + (now + 300) + "}"));
        refused.put("another key", DevelopmentTokens.signed("another-key-of-at-least-thirty-two-bytes-9876543210",
                "{" + suite + ",\"iat\":" + now + ",\"exp\":" + (now + 300) + "}"));
        refused.put("alg none", DevelopmentTokens.base64url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                + DevelopmentTokens.base64url("{" + suite + ",\"iat\":" + now + ",\"exp\":" + (now + 300) + "}") + ".");
        long before = count();
        refused.forEach((kind, token) -> {
            assertProblem(Http.get(GATEWAY + "/customers/1234", "application/json", token), 401);
            assertProblem(Http.get(CUSTOMER_SERVICE + "/customers/1234", "application/json", token), 401);
            assertProblem(sendTo(CUSTOMER_SERVICE, "DELETE", "/customers/1234", null, token), 401);
            assertProblem(send("POST", "/customers", NEW_CUSTOMER, token), 401);
        });
        assertThat(count()).as("nothing changed by refused tokens").isEqualTo(before);
    }

    /**
     * No value committed to the repository opens the running suite: an ADMIN token signed with any value of
     * topology.properties, or with any development value ("dev-...") written in a tracked file, the key that
     * topology.properties once held included, is refused by the gateway and by customer-service.
     */
    @Test
    void aTokenSignedWithAnyCommittedValueIsRefused() throws IOException {
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"egov-msa-suite\",\"aud\":\"egov-msa-suite\",\"sub\":\"intruder\","
                + "\"scope\":\"customers:read customers:write\",\"roles\":[\"ADMIN\"],\"iat\":" + now + ",\"exp\":" + (now + 300) + "}";
        Set<String> committed = new TreeSet<>(RunningSuite.committedValues());
        committed.add("dev-jwt-hmac-key-for-local-runs-only-never-deploy");
        assertThat(committed).as("values found in the repository").hasSizeGreaterThan(20).doesNotContain(RunningSuite.tokenKey());
        for (String value : committed) {
            String token = DevelopmentTokens.signed(value, claims);
            assertProblem(Http.get(GATEWAY + "/customers/1234", "application/json", token), 401);
            assertProblem(Http.get(CUSTOMER_SERVICE + "/customers/1234", "application/json", token), 401);
        }
        // The run's own key does open it: the refusals above are about the key, not the claims.
        assertThat(Http.get(GATEWAY + "/customers/1234", "application/json", DevelopmentTokens.signed(RunningSuite.tokenKey(), claims))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void customerServiceRefusesWritesThatComeAroundTheGateway() {
        long before = count();
        for (String token : Arrays.asList(null, RunningSuite.readToken())) {
            int expected = token == null ? 401 : 403;
            assertProblem(sendTo(CUSTOMER_SERVICE, "POST", "/customers", NEW_CUSTOMER, token), expected);
            assertProblem(sendTo(CUSTOMER_SERVICE, "PUT", "/customers/1234", NEW_CUSTOMER, token), expected);
            assertProblem(sendTo(CUSTOMER_SERVICE, "DELETE", "/customers/1234", null, token), expected);
        }
        assertProblem(Http.get(CUSTOMER_SERVICE + "/customers?size=50", "application/json"), 401);
        assertThat(count()).as("nothing changed around the gateway").isEqualTo(before);
        assertThat(Http.get(CUSTOMER_SERVICE + "/customers/1234", "application/json", RunningSuite.readToken()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void onlyTheGatewayListensBeyondLoopback() throws Exception {
        Optional<InetAddress> external = NetworkInterface.networkInterfaces().filter(NetworkInterfaceUp::up)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress()).findFirst();
        Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address");
        String host = external.get().getHostAddress();
        assertThat(connects(host, Topology.get("zuul-gateway").port())).as("the gateway on " + host).isTrue();
        for (ServiceSpec service : Topology.SERVICES) {
            if (!service.name().equals("zuul-gateway")) {
                assertThat(connects(host, service.port())).as(service.name() + " on " + host).isFalse();
            }
            assertThat(connects(host, service.managementPort())).as(service.name() + " management on " + host).isFalse();
        }
    }

    @Test
    void clientsCannotChooseTheForwardedHeaders() {
        HttpResponse<byte[]> created = Http.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/customers"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + RunningSuite.writeToken())
                .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Port", "443").header("X-Forwarded-Prefix", "/evil")
                .header("Forwarded", "host=evil.example;proto=https")
                .POST(HttpRequest.BodyPublishers.ofString(NEW_CUSTOMER)));
        assertThat(created.statusCode()).as(Http.text(created)).isEqualTo(201);
        long id = Http.json(created).get("id").asLong();
        try {
            assertThat(created.headers().firstValue("Location")).hasValue(GATEWAY + "/customers/" + id);
        } finally {
            send("DELETE", "/customers/" + id, null, RunningSuite.writeToken());
        }
    }

    @Test
    void pagingBeyondTheOffsetRangeIs400() {
        assertProblem(Http.get(GATEWAY + "/customers?page=50000000&size=50", "application/json", RunningSuite.readToken()), 400);
        JsonNode beyond = Http.json(Http.get(GATEWAY + "/customers?page=1000000&size=50", "application/json",
                RunningSuite.readToken()));
        assertThat(beyond.get("content").size()).as("a page beyond the data is empty").isZero();
    }

    @Test
    void changingCustomersNeedsTheWriteScopeOrTheAdminRole() {
        long before = count();

        HttpResponse<byte[]> anonymous = post(null);
        assertProblem(anonymous, 401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertProblem(post(RunningSuite.token(List.of("catalogs:read"), List.of(), Duration.ofMinutes(5))), 403);
        assertProblem(post(RunningSuite.readToken()), 403);
        assertProblem(post(RunningSuite.writeToken() + "x"), 401);
        assertProblem(send("DELETE", "/customers/1234", null, null), 401);
        assertProblem(send("PUT", "/customers/1234", NEW_CUSTOMER, null), 401);
        assertThat(count()).as("nothing changed by refused writes").isEqualTo(before);

        HttpResponse<byte[]> created = post(RunningSuite.writeToken());
        assertThat(created.statusCode()).as(Http.text(created)).isEqualTo(201);
        assertThat(created.headers().firstValue("Location").orElse("")).as("links name the gateway")
                .startsWith(GATEWAY + "/customers/");
        long id = Http.json(created).get("id").asLong();
        String admin = RunningSuite.token(List.of(), List.of("ADMIN"), Duration.ofMinutes(5));
        assertThat(send("DELETE", "/customers/" + id, null, admin).statusCode()).isEqualTo(204);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void operationsEndpointsAreNeitherOnTheApplicationPortsNorRouted() {
        for (ServiceSpec service : Topology.SERVICES) {
            for (String endpoint : List.of("env", "configprops", "heapdump", "refresh", "hystrix.stream", "beans", "prometheus")) {
                int status = Http.get("http://localhost:" + service.port() + "/actuator/" + endpoint, "*/*").statusCode();
                assertThat(status).as(service.name() + " /actuator/" + endpoint + " on the application port")
                        .isIn(401, 404);
            }
            JsonNode health = Http.json(Http.get("http://localhost:" + service.managementPort() + "/actuator/health",
                    "application/json"));
            assertThat(health.get("status").asText()).as(service.name() + " health on its management port").isEqualTo("UP");
        }
        for (String path : List.of("/customers/actuator/env", "/catalogs/actuator/env", "/actuator/env",
                "/customers/actuator/health", "/zuul/customers/1234")) {
            assertThat(Http.get(GATEWAY + path, "*/*").statusCode()).as(path).isIn(401, 403, 404);
        }
        // Refused by the security chain before anything else (401); without it, not found (404).
        assertThat(Http.get(RunningSuite.url("customer-service", "/h2-console"), "*/*").statusCode()).as("H2 console").isIn(401, 404);
    }

    @Test
    void operationsEndpointsAndTheDashboardNeedTheOperatorsLogin() {
        for (ServiceSpec service : Topology.SERVICES) {
            String base = "http://localhost:" + service.managementPort() + "/actuator/";
            for (String endpoint : List.of("env", "service-registry", "refresh", "routes", "hystrix.stream", "beans", "prometheus")) {
                assertThat(Http.get(base + endpoint, "*/*").statusCode()).as(service.name() + " " + endpoint + " anonymous")
                        .isEqualTo(401);
            }
            assertThat(Http.send(HttpRequest.newBuilder(URI.create(base + "refresh")).POST(HttpRequest.BodyPublishers.noBody()))
                    .statusCode()).as(service.name() + " POST refresh anonymous").isEqualTo(401);
            assertThat(Http.get(base + "info", "application/json").statusCode()).as(service.name() + " info").isEqualTo(200);
        }
        for (String service : List.of("customer-service", "catalogs-service", "zuul-gateway", "turbine-dashboard")) {
            int port = Topology.get(service).managementPort();
            HttpResponse<byte[]> registry = Http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/actuator/service-registry")).header("Authorization", RunningSuite.MANAGEMENT_LOGIN));
            assertThat(registry.statusCode()).as(port + " service-registry with the operators' login").isEqualTo(200);
        }
        assertThat(Http.get(RunningSuite.management("catalogs-service", "/actuator/hystrix.stream?key=wrong"), "*/*").statusCode())
                .as("hystrix.stream with a wrong key").isEqualTo(401);

        for (String page : List.of("/", "/hystrix", "/turbine.stream", "/proxy.stream?origin=" + RunningSuite.management("catalogs-service", "/actuator/hystrix.stream"))) {
            assertThat(Http.get(RunningSuite.url("turbine-dashboard", "") + page, "*/*").statusCode()).as("dashboard " + page + " anonymous")
                    .isEqualTo(401);
        }
        assertThat(Http.send(HttpRequest.newBuilder(URI.create(RunningSuite.url("turbine-dashboard", "/hystrix")))
                .header("Authorization", RunningSuite.MANAGEMENT_LOGIN)).statusCode()).isEqualTo(200);
        for (String origin : List.of(RunningSuite.management("catalogs-service", "/actuator/env"), RunningSuite.url("config-server", "/catalogs/default"),
                "http://localhost:5432/", RunningSuite.management("catalogs-service", "/actuator/hystrix.stream/../env"))) {
            HttpResponse<byte[]> proxied = Http.send(HttpRequest.newBuilder(URI.create(RunningSuite.url("turbine-dashboard", "/proxy.stream?origin=")
                    + java.net.URLEncoder.encode(origin, java.nio.charset.StandardCharsets.UTF_8)))
                    .header("Authorization", RunningSuite.MANAGEMENT_LOGIN));
            assertProblem(proxied, 400);
        }
    }

    @Test
    void registryAndConfigServerNeedTheirCredentials() {
        assertThat(Http.get(RunningSuite.url("eureka-server", "/eureka/apps"), "application/json").statusCode()).isEqualTo(401);
        assertThat(Http.get(RunningSuite.url("eureka-server", "/"), "text/html").statusCode()).isEqualTo(401);
        assertThat(Http.get(RunningSuite.url("config-server", "/catalogs/default"), "application/json").statusCode()).isEqualTo(401);
        HttpResponse<byte[]> config = Http.send(HttpRequest.newBuilder(URI.create(RunningSuite.url("config-server", "/zuul-gateway/default")))
                .header("Authorization", DevelopmentTokens.basic(RunningSuite.CONFIG_USER, RunningSuite.CONFIG_PASSWORD)));
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(Http.text(config)).as("the signing key is not in the served configuration")
                .contains("JWT_HMAC_SECRET").doesNotContain(RunningSuite.tokenKey());
    }

    @Test
    void eachApplicationReadsOnlyItsOwnConfigurationAndOnlyTheOperatorEncrypts() {
        String catalogs = RunningSuite.applicationLogin("config", "catalogs");
        assertThat(configGet("/catalogs/default", catalogs).statusCode()).isEqualTo(200);
        for (String other : List.of("/zuul-gateway/default", "/customer/default", "/catalogs,zuul-gateway/default",
                "/main/zuul-gateway-default.yml", "/zuul-gateway-default.properties", "/key")) {
            assertThat(configGet(other, catalogs).statusCode()).as(other + " with catalogs' login").isEqualTo(403);
        }
        assertThat(configPost("/encrypt", catalogs).statusCode()).isEqualTo(403);
        assertThat(configPost("/decrypt", catalogs).statusCode()).isEqualTo(403);
        assertThat(configGet("/catalogs/default", DevelopmentTokens.basic("catalogs", "wrong")).statusCode()).isEqualTo(401);

        String operator = DevelopmentTokens.basic(RunningSuite.CONFIG_USER, RunningSuite.CONFIG_PASSWORD);
        assertThat(configGet("/zuul-gateway/default", operator).statusCode()).isEqualTo(200);
        assertThat(configPost("/encrypt", operator).statusCode()).isEqualTo(200);
    }

    @Test
    void eachApplicationRegistersOnlyItselfInEureka() {
        String customer = RunningSuite.applicationLogin("eureka", "customer");
        HttpResponse<byte[]> apps = Http.send(HttpRequest.newBuilder(URI.create(RunningSuite.url("eureka-server", "/eureka/apps")))
                .header("Accept", "application/json").header("Authorization", customer));
        assertThat(apps.statusCode()).as("any application reads the registry").isEqualTo(200);
        String hijack = "{\"instance\":{\"instanceId\":\"evil:catalogs:1\",\"hostName\":\"evil.example\",\"app\":\"CATALOGS\","
                + "\"ipAddr\":\"203.0.113.1\",\"status\":\"UP\",\"port\":{\"$\":80,\"@enabled\":\"true\"},"
                + "\"dataCenterInfo\":{\"@class\":\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\",\"name\":\"MyOwn\"}}}";
        HttpResponse<byte[]> registered = Http.send(HttpRequest.newBuilder(URI.create(RunningSuite.url("eureka-server", "/eureka/apps/CATALOGS")))
                .header("Content-Type", "application/json").header("Authorization", customer)
                .POST(HttpRequest.BodyPublishers.ofString(hijack)));
        assertThat(registered.statusCode()).as("customer's login registering CATALOGS").isEqualTo(403);
        assertThat(Http.send(HttpRequest.newBuilder(URI.create(RunningSuite.url("eureka-server", "/eureka/apps/CATALOGS/")
                        + "localhost:catalogs:" + Topology.get("catalogs-service").port())).header("Authorization", customer).DELETE()).statusCode())
                .as("customer's login removing catalogs").isEqualTo(403);
        assertThat(Http.send(HttpRequest.newBuilder(URI.create(RunningSuite.url("eureka-server", "/"))).header("Authorization", customer))
                .statusCode()).as("the dashboard is the operator's").isEqualTo(403);
        assertThat(Http.send(HttpRequest.newBuilder(URI.create(RunningSuite.url("eureka-server", "/")))
                .header("Authorization", DevelopmentTokens.basic(RunningSuite.EUREKA_USER, RunningSuite.EUREKA_PASSWORD))).statusCode())
                .isEqualTo(200);
    }

    private static HttpResponse<byte[]> configGet(String path, String authorization) {
        return Http.send(HttpRequest.newBuilder(URI.create(RunningSuite.url("config-server", "") + path)).header("Authorization", authorization));
    }

    private static HttpResponse<byte[]> configPost(String path, String authorization) {
        return Http.send(HttpRequest.newBuilder(URI.create(RunningSuite.url("config-server", "") + path)).header("Authorization", authorization)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("a value")));
    }

    @Test
    void cookiesStopAtTheGatewayAndTheTokenGoesOnToBeCheckedAgain() {
        JsonNode routes = Http.json(Http.send(HttpRequest.newBuilder(URI.create(RunningSuite.management("zuul-gateway", "/actuator/routes/details")))
                .header("Accept", "application/json").header("Authorization", RunningSuite.MANAGEMENT_LOGIN)));
        for (String route : List.of("/catalogs/**", "/customers/**")) {
            assertThat(routes.path(route).path("sensitiveHeaders").toString().toLowerCase()).as(route)
                    .contains("\"cookie\"", "\"set-cookie\"").doesNotContain("authorization");
        }
    }

    @Test
    void oversizedBodiesGet413AtTheGateway() {
        String big = "{\"name\":\"" + "가".repeat(40_000) + "\"}";
        HttpResponse<byte[]> response = Http.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/customers"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + RunningSuite.writeToken())
                .POST(HttpRequest.BodyPublishers.ofString(big)));
        assertProblem(response, 413);
    }

    private static long count() {
        return Http.json(Http.get(GATEWAY + "/customers?size=1", "application/json", RunningSuite.readToken()))
                .get("totalElements").asLong();
    }

    private static boolean connects(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** NetworkInterface.isUp throws a checked exception; an interface that cannot say is taken as down. */
    private static final class NetworkInterfaceUp {
        static boolean up(NetworkInterface network) {
            try {
                return network.isUp();
            } catch (SocketException e) {
                return false;
            }
        }
    }

    private static HttpResponse<byte[]> post(String token) {
        return send("POST", "/customers", NEW_CUSTOMER, token);
    }

    private static HttpResponse<byte[]> send(String method, String path, String body, String token) {
        return sendTo(GATEWAY, method, path, body, token);
    }

    private static HttpResponse<byte[]> sendTo(String base, String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Http.send(request);
    }

    private static void assertProblem(HttpResponse<byte[]> response, int status) {
        assertThat(response.statusCode()).as(Http.text(response)).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(Http.json(response).get("status").asInt()).isEqualTo(status);
    }
}
