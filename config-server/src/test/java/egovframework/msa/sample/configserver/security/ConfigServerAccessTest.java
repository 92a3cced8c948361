package egovframework.msa.sample.configserver.security;

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
 * Who reads what, over real HTTP on both ports of a config server serving the repository's config-repo/:
 * probes are open on the management port only; on the application port {@code /actuator/health} is a
 * configuration request like any other and needs a login.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0", "config-seed.source-dir=${user.dir}/../config-repo",
        "config-seed.git-dir=${user.dir}/target/access-test/seed", "spring.cloud.config.server.git.basedir=${user.dir}/target/access-test/clone"})
class ConfigServerAccessTest {

    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Value("${local.management.port}")
    int managementPort;
    // The logins as this server binds them (its application.yml over topology.properties), not copies.
    @Value("${suite.access.clients.customer}")
    String customerPassword;
    @Value("${suite.access.metrics.username}")
    String metricsUser;
    @Value("${suite.access.metrics.password}")
    String metricsPassword;

    @Test
    void healthOnTheApplicationPortIsAConfigurationRequestAndNeedsALogin() throws Exception {
        assertThat(get(port, "/actuator/health", null).statusCode()).isEqualTo(401);
        assertThat(get(port, "/actuator/health/readiness", null).statusCode()).isEqualTo(401);
        assertThat(get(port, "/actuator/info", null).statusCode()).isEqualTo(401);
        assertThat(get(port, "/actuator/health", login("customer", customerPassword)).statusCode()).isEqualTo(403);
    }

    @Test
    void probesAreOpenOnTheManagementPort() throws Exception {
        HttpResponse<String> health = get(managementPort, "/actuator/health", null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("propertySources");
        assertThat(get(managementPort, "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
    }

    /** Prometheus' login: the metrics on the management port, and not the configuration the same path names on the other. */
    @Test
    void theScrapeLoginReadsTheMetricsAndNothingElse() throws Exception {
        String metrics = login(metricsUser, metricsPassword);
        HttpResponse<String> scrape = get(managementPort, "/actuator/prometheus", metrics);

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_memory_used_bytes{application=\"config-server\"");
        assertThat(get(managementPort, "/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(get(port, "/actuator/prometheus", metrics).statusCode()).as("a configuration request there").isEqualTo(403);
        assertThat(get(port, "/catalogs/default", metrics).statusCode()).isEqualTo(403);
    }

    @Test
    void eachApplicationReadsOnlyItsOwnConfiguration() throws Exception {
        HttpResponse<String> own = get(port, "/customer/default", login("customer", customerPassword));

        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("customer.yml");
        assertThat(get(port, "/catalogs/default", login("customer", customerPassword)).statusCode()).isEqualTo(403);
        assertThat(get(port, "/customer/default", null).statusCode()).isEqualTo(401);
    }

    private static String login(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(int port, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
