package egovframework.msa.sample.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import egovframework.msa.sample.launcher.ServiceSpec;
import egovframework.msa.sample.launcher.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may do what, checked over real connections against the running suite. */
@ExtendWith(RunningSuite.class)
class GatewaySecurityIT {

    private static final String GATEWAY = "http://localhost:8000";
    private static final String NEW_CUSTOMER = "{\"name\":\"이몽룡\",\"email\":\"mongryong.lee@example.go.kr\","
            + "\"phone\":\"010-3456-7890\",\"address\":{\"zipCode\":\"54999\",\"street\":\"남원시 요천로 1447\"}}";

    @Test
    void readingIsOpenAndChangingCustomersNeedsTheWriteScopeOrTheAdminRole() {
        assertThat(Http.get(GATEWAY + "/customers/1234", "application/json").statusCode()).isEqualTo(200);
        long before = count();

        HttpResponse<byte[]> anonymous = post(null);
        assertProblem(anonymous, 401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertProblem(post(RunningSuite.token(List.of("catalogs:read"), List.of(), Duration.ofMinutes(5))), 403);
        assertProblem(post(RunningSuite.token(List.of("customers:write"), List.of(), Duration.ofSeconds(-60))), 401);
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
            for (String endpoint : List.of("env", "configprops", "heapdump", "refresh", "hystrix.stream", "beans")) {
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
        assertThat(Http.get("http://localhost:8082/h2-console", "*/*").statusCode()).as("H2 console").isEqualTo(404);
    }

    @Test
    void registryAndConfigServerNeedTheirCredentials() {
        assertThat(Http.get("http://localhost:8761/eureka/apps", "application/json").statusCode()).isEqualTo(401);
        assertThat(Http.get("http://localhost:8761/", "text/html").statusCode()).isEqualTo(401);
        assertThat(Http.get("http://localhost:8888/catalogs/default", "application/json").statusCode()).isEqualTo(401);
        HttpResponse<byte[]> config = Http.send(HttpRequest.newBuilder(URI.create("http://localhost:8888/zuul-gateway/default"))
                .header("Authorization", Http.basic(RunningSuite.CONFIG_USER, RunningSuite.CONFIG_PASSWORD)));
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(Http.text(config)).as("the {cipher} value is served decrypted")
                .contains("gateway.security.hmac-secret").doesNotContain("{cipher}");
    }

    @Test
    void cookiesAndTheTokenStopAtTheGateway() {
        JsonNode routes = Http.json(Http.get("http://localhost:9000/actuator/routes/details", "application/json"));
        for (String route : List.of("/catalogs/**", "/customers/**")) {
            assertThat(routes.path(route).path("sensitiveHeaders").toString().toLowerCase()).as(route)
                    .contains("\"cookie\"", "\"set-cookie\"", "\"authorization\"");
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
        return Http.json(Http.get(GATEWAY + "/customers?size=1", "application/json")).get("totalElements").asLong();
    }

    private static HttpResponse<byte[]> post(String token) {
        return send("POST", "/customers", NEW_CUSTOMER, token);
    }

    private static HttpResponse<byte[]> send(String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(GATEWAY + path))
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
