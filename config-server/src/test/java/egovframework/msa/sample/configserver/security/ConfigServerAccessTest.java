package egovframework.msa.sample.configserver.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.LocalServerPort;
import org.springframework.web.context.WebApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

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
    /** Written in catalogs.yml only: an answer that holds it served catalogs' file. */
    private static final String CATALOGS_ONLY = "CATALOGS_SERVICE_MANAGEMENT_PORT";

    @LocalServerPort
    int port;
    @Autowired
    WebApplicationContext context;
    @Value("${local.management.port}")
    int managementPort;
    // The logins as this server binds them (its application.yml over topology.properties), not copies.
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
        assertThat(get(port, "/metrics/default", metrics).statusCode()).as("the shared configuration, under the scrape login's own name")
                .isEqualTo(403);
    }

    @Test
    void eachApplicationReadsOnlyItsOwnConfiguration() throws Exception {
        HttpResponse<String> own = get(port, "/customer/default", login("customer", customerPassword));

        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("customer.yml");
        assertThat(get(port, "/catalogs/default", login("customer", customerPassword)).statusCode()).isEqualTo(403);
        assertThat(get(port, "/customer/default", null).statusCode()).isEqualTo(401);
    }

    /**
     * A client login reads {@code /{own}/{profiles}} and {@code /{own}/{profiles}/{label}}, nothing else of Config
     * Server's: not its resource endpoint ({@code /{name}/{profile}/{label}/{path}}, which serves any file of any
     * commit), not the .yml/.yaml/.properties/.json forms, not another application's files, not through comma
     * lists, and not through any encoding, case, separator or trailing slash that could reach them. 403 for an
     * authorised login on a shape it may not use; 400 where the firewall refuses the request line itself.
     */
    @Test
    void aClientLoginReadsItsOwnEnvironmentAndNothingElse() throws Exception {
        String customer = login("customer", customerPassword);
        for (String own : List.of("/customer/default", "/customer/default/main", "/customer/default,docker", "/customer/local,default/main",
                "/customer,customer/default")) {
            HttpResponse<String> answer = get(port, own, customer);
            assertThat(answer.statusCode()).as(own + ": " + answer.body()).isEqualTo(200);
            assertThat(answer.body()).as(own).contains("\"propertySources\"").doesNotContain(CATALOGS_ONLY);
        }
        List<String> refused = List.of(
                // the resource endpoint, for another application's file, the shared file and its own
                "/customer/default/main/catalogs.yml", "/customer/default/main/customer.yml", "/customer/default/main/application.yml",
                "/customer/default/main/catalogs/catalogs.yml", "/customer/default/catalogs.yml?useDefaultLabel",
                "/customer/default/main?useDefaultLabel", "/customer/default?x=1",
                // the flattened forms, with and without a label
                "/customer-default.yml", "/customer-default.yaml", "/customer-default.properties", "/customer-default.json",
                "/main/customer-default.yml", "/main/customer-default.properties", "/main/customer-default.json",
                "/main/catalogs-default.yml", "/customer/customer-default.yml", "/customer/default.yml",
                // another application's, alone or in a list
                "/catalogs/default", "/catalogs/default/main", "/customer,catalogs/default", "/catalogs,customer/default",
                "/application/default", "/metrics/default",
                // case, trailing slashes, label separators
                "/CUSTOMER/default", "/Customer/default", "/customer/default/", "/customer/default/main/", "/customer/",
                "/customer/default/main(_)catalogs.yml", "/customer/default/feature(_)x", "/customer/default/.git",
                "/customer/default/main..x", "/customer/default,../main");
        List<String> encoded = List.of("/customer/default/main%2Fcatalogs.yml", "/customer/default/main/%2e%2e/catalogs.yml",
                "/customer/default/%2e%2e/%2e%2e/catalogs/default", "/customer/default/main;x=y/catalogs.yml", "/customer/default;jsessionid=x",
                "//customer/default", "/customer//default", "/customer/default/main%252Fcatalogs.yml", "/customer/%64efault",
                "/customer/default/main%5Ccatalogs.yml", "/customer/..;/catalogs/default", "/customer/default%2Cdocker",
                "/customer/default/main%00", "/customer/./default", "/customer/default/..", "/customer/default/main/../../catalogs/default");
        for (String path : refused) {
            HttpResponse<String> answer = get(port, path, customer);
            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(403);
            assertThat(answer.body()).as(path).doesNotContain(CATALOGS_ONLY).doesNotContain("propertySources");
        }
        for (String path : encoded) {
            HttpResponse<String> answer = get(port, path, customer);
            // 400 from the firewall (msa-support's RejectedRequestAutoConfiguration) or Tomcat itself, 403 where it decodes harmlessly.
            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isIn(400, 403);
            assertThat(answer.body()).as(path).doesNotContain(CATALOGS_ONLY).doesNotContain("propertySources");
        }
        assertThat(get(port, "/customer/default/v1.0", customer).statusCode()).as("a tag as the label: its own environment, "
                + "were there such a tag").isEqualTo(404);
        assertThat(send(port, "POST", "/customer/default", customer).statusCode()).as("POST").isEqualTo(403);
        assertThat(send(port, "HEAD", "/customer/default/main/catalogs.yml", customer).statusCode()).as("HEAD").isEqualTo(403);
    }

    /**
     * The firewall's 400 (msa-support) and the config repository's sync on every request (SeededRepositoryConfiguration)
     * are both in place: the servlet container skips a second filter registered under a name it already has.
     */
    @Test
    void theFirewallFilterAndTheRepositorySyncAreBothRegistered() {
        assertThat(context.getServletContext().getFilterRegistrations()).containsKeys("rejectedRequestFilter", "configRepoSyncFilter");
    }

    /** The operator keeps every endpoint: resource files and flattened forms of any application. */
    @Test
    void theOperatorReadsEveryForm() throws Exception {
        String operator = login(operatorUser, operatorPassword);
        for (String path : List.of("/customer/default/main/catalogs.yml", "/catalogs-default.yml", "/main/catalogs-default.properties",
                "/catalogs/default", "/catalogs-default.json")) {
            HttpResponse<String> answer = get(port, path, operator);
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertThat(answer.body()).as(path).contains("CATALOGS_SERVICE");
        }
    }

    private static HttpResponse<String> send(int port, String method, String path, String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", authorization)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
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
