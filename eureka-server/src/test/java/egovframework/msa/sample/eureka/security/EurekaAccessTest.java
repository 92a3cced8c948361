package egovframework.msa.sample.eureka.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry's least-privilege rules (EurekaSecurityConfiguration), over real HTTP on a registry configured
 * from the repository's config-repo/ (application.yml and eureka-server.yml, their local development logins):
 * an application registers only instances of its own name, Prometheus' login reads the registry and the
 * metrics and nothing else, and the probes are open. Reads are not held back for the 15 s a restarted registry
 * waits for re-registrations (its reads answer 403 until then), and the surefire defaults (no Eureka client)
 * are undone: the server needs its own client beans.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.application.name=eureka-server", "eureka.client.enabled=true", "management.server.port=0",
        "eureka.server.wait-time-in-ms-when-sync-empty=0",
        "spring.config.additional-location=file:${user.dir}/../config-repo/application.yml,file:${user.dir}/../config-repo/eureka-server.yml"})
class EurekaAccessTest {

    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Value("${local.management.port}")
    int managementPort;
    // The logins as this registry binds them (config-repo over topology.properties), not copies.
    @Value("${suite.access.clients.customer}")
    String customerPassword;
    @Value("${suite.access.metrics.username}")
    String metricsUser;
    @Value("${suite.access.metrics.password}")
    String metricsPassword;
    @Value("${suite.access.operator.username}")
    String operatorUser;
    @Value("${suite.access.operator.password}")
    String operatorPassword;

    private String customer() {
        return login("customer", customerPassword);
    }

    private String metrics() {
        return login(metricsUser, metricsPassword);
    }

    @Test
    void anApplicationRegistersOnlyInstancesOfItsOwnName() throws Exception {
        assertThat(register("CUSTOMER", "customer-test-1", customer()).statusCode()).isEqualTo(204);
        assertThat(send(port, "GET", "/eureka/apps/CUSTOMER", customer()).body()).contains("customer-test-1");

        assertThat(register("CATALOGS", "catalogs-hijack", customer()).statusCode()).as("another application's name").isEqualTo(403);
        assertThat(send(port, "DELETE", "/eureka/apps/CUSTOMER/customer-test-1", metrics()).statusCode())
                .as("the scrape login removes nothing").isEqualTo(403);
        assertThat(register("CUSTOMER", "anonymous", null).statusCode()).isEqualTo(401);
        assertThat(send(port, "DELETE", "/eureka/apps/CUSTOMER/customer-test-1", customer()).statusCode()).isEqualTo(200);
    }

    @Test
    void theScrapeLoginReadsTheRegistryAndTheMetricsOnly() throws Exception {
        assertThat(send(port, "GET", "/eureka/apps", metrics()).statusCode()).isEqualTo(200);
        assertThat(send(managementPort, "GET", "/actuator/prometheus", metrics()).body()).contains("application=\"eureka-server\"");
        assertThat(send(port, "GET", "/", metrics()).statusCode()).as("the dashboard").isEqualTo(403);
        assertThat(send(port, "GET", "/eureka/apps", null).statusCode()).isEqualTo(401);
        assertThat(send(port, "GET", "/", login(operatorUser, operatorPassword)).statusCode()).isEqualTo(200);
    }

    @Test
    void probesNeedNoLogin() throws Exception {
        HttpResponse<String> readiness = send(managementPort, "GET", "/actuator/health/readiness", null);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"");
        assertThat(send(managementPort, "GET", "/actuator/env", metrics()).statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> register(String app, String instanceId, String authorization) throws Exception {
        String instance = "{\"instance\":{\"instanceId\":\"" + instanceId + "\",\"hostName\":\"localhost\",\"app\":\"" + app
                + "\",\"ipAddr\":\"127.0.0.1\",\"status\":\"UP\",\"port\":{\"$\":8082,\"@enabled\":\"true\"},"
                + "\"dataCenterInfo\":{\"@class\":\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\",\"name\":\"MyOwn\"}}}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/eureka/apps/" + app))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(instance));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(int port, String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String login(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
