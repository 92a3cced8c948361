package egovframework.msa.sample.configserver.security;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.LocalServerPort;
import org.springframework.cloud.bus.event.RefreshRemoteApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The config server's two ways of refreshing the services over Spring Cloud Bus: {@code /monitor} (a git
 * host's push notification, application port) and {@code /actuator/bus-refresh} (management port). Both are
 * the operator's only; /monitor turns each changed file into the destination of the service it configures
 * (customer.yml: every instance of "customer"; application.yml: every instance of every service).
 * On a bus exchange of its own, so no refresh leaves this test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0", "config-seed.source-dir=${user.dir}/../config-repo",
        "config-seed.git-dir=${user.dir}/target/bus-test/seed", "spring.cloud.config.server.git.basedir=${user.dir}/target/bus-test/clone",
        "spring.cloud.bus.enabled=true", "spring.cloud.bus.destination=config-server-test-${random.uuid}",
        // The test's exchange goes when the test ends, not to pile up on the shared broker.
        "spring.cloud.stream.rabbit.bindings.springCloudBusInput.consumer.exchange-durable=false",
        "spring.cloud.stream.rabbit.bindings.springCloudBusInput.consumer.exchange-auto-delete=true",
        "spring.cloud.stream.rabbit.bindings.springCloudBusOutput.producer.exchange-durable=false",
        "spring.cloud.stream.rabbit.bindings.springCloudBusOutput.producer.exchange-auto-delete=true"})
class BusAndMonitorAccessTest {

    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Value("${local.management.port}")
    int managementPort;
    // The logins as this server binds them (its application.yml over topology.properties), not copies.
    @Value("${suite.access.clients.customer}")
    String customerPassword;
    @Value("${suite.access.clients.catalogs}")
    String catalogsPassword;
    @Value("${suite.access.operator.username}")
    String operatorUser;
    @Value("${suite.access.operator.password}")
    String operatorPassword;
    @Autowired
    SentRefreshes sent;

    @BeforeEach
    void forgetEarlierRefreshes() {
        sent.destinations.clear();
    }

    @Test
    void monitorNeedsTheOperatorLogin() throws Exception {
        assertThat(post(port, "/monitor", null, githubPush("customer.yml")).statusCode()).isEqualTo(401);
        assertThat(post(port, "/monitor", login("customer", customerPassword), githubPush("customer.yml")).statusCode())
                .isEqualTo(403);
        assertThat(post(port, "/monitor", login("operator", "wrong-password"), githubPush("customer.yml")).statusCode())
                .isEqualTo(401);
        assertThat(sent.destinations).isEmpty();
    }

    @Test
    void busRefreshNeedsTheOperatorLoginOnEitherPort() throws Exception {
        assertThat(post(managementPort, "/actuator/bus-refresh", null, null).statusCode()).isEqualTo(401);
        assertThat(post(managementPort, "/actuator/bus-refresh", login("catalogs", catalogsPassword), null).statusCode())
                .isEqualTo(403);
        assertThat(post(port, "/actuator/bus-refresh", null, null).statusCode()).isEqualTo(401);
        assertThat(sent.destinations).isEmpty();

        // A destination no instance has: nothing anywhere refreshes.
        assertThat(post(managementPort, "/actuator/bus-refresh/nobody-here", login(operatorUser, operatorPassword), null).statusCode()).isEqualTo(204);
        assertThat(sent.destinations).containsExactly("nobody-here:**");
    }

    @Test
    void aPushOfOneServicesFileRefreshesEveryInstanceOfThatService() throws Exception {
        HttpResponse<String> response = post(port, "/monitor", login(operatorUser, operatorPassword), githubPush("customer.yml"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[\"customer\"]");
        // The bus ids are <spring.application.name>:<port>:<random>: customer:** is every customer-service instance.
        assertThat(sent.destinations).containsExactly("customer:**");
    }

    @Test
    void aPushOfTheSharedFileRefreshesEveryService() throws Exception {
        HttpResponse<String> response = post(port, "/monitor", login(operatorUser, operatorPassword), githubPush("application.yml"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sent.destinations).containsExactly("*:**");
    }

    @Test
    void thePathFormNamesTheFilesWithoutAGitHost() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/monitor"))
                .header("Authorization", login(operatorUser, operatorPassword)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("path=catalogs.yml")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sent.destinations).containsExactly("catalogs:**");
    }

    /** What GitHub sends for a push (only the fields /monitor reads). */
    private static String githubPush(String file) {
        return "{\"ref\":\"refs/heads/main\",\"commits\":[{\"id\":\"0\",\"added\":[],\"removed\":[],\"modified\":[\"" + file + "\"]}]}";
    }

    private static String login(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> post(int port, String path, String authorization, String githubPush) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (githubPush != null) {
            request.header("Content-Type", "application/json").header("X-Github-Event", "push")
                    .POST(HttpRequest.BodyPublishers.ofString(githubPush));
        } else {
            request.POST(HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The refreshes this server sent on the bus, by destination. */
    static class SentRefreshes implements ApplicationListener<RefreshRemoteApplicationEvent> {
        final List<String> destinations = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(RefreshRemoteApplicationEvent event) {
            destinations.add(event.getDestinationService());
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Listener {
        @Bean
        SentRefreshes sentRefreshes() {
            return new SentRefreshes();
        }
    }
}
