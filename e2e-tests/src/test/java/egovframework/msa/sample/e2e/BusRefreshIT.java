package egovframework.msa.sample.e2e;

import egovframework.msa.sample.launcher.DevelopmentTokens;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Cloud Bus over the suite's RabbitMQ: one POST to one instance's /actuator/bus-refresh refreshes
 * every instance of every service, /actuator/bus-refresh/&lt;destination&gt; only the instances it names, and
 * the config server's /monitor turns a git push notification naming customer.yml into a refresh of every
 * customer-service instance only. A second customer-service instance runs for the whole class, so
 * "every instance" means two of one service.
 *
 * <p>The changed value is {@code info.bus-check}, shown by the open /actuator/info of every service, committed
 * straight into the e2e run's seeded git repository (never into config-repo/: the config server keeps a
 * commit made in the repository while the folder's file is unchanged). Both files are restored, and every
 * instance refreshed again, when the class ends.
 */
@ExtendWith(RunningSuite.class)
class BusRefreshIT {

    private static final String CHECKED = "bus-check";
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String CONFIG_SERVER = RunningSuite.url("config-server", "");
    private static final String CUSTOMER_1 = RunningSuite.management("customer-service", "");
    private static final String CUSTOMER_2 = "http://localhost:9092";
    private static final String CATALOGS = RunningSuite.management("catalogs-service", "");
    /** The management port of every instance that takes its configuration from the config server. */
    private static final Map<String, String> EVERY_INSTANCE = new LinkedHashMap<>();

    static {
        EVERY_INSTANCE.put("customer-service", CUSTOMER_1);
        EVERY_INSTANCE.put("customer-service-2", CUSTOMER_2);
        EVERY_INSTANCE.put("catalogs-service", CATALOGS);
        EVERY_INSTANCE.put("zuul-gateway", RunningSuite.management("zuul-gateway", ""));
        EVERY_INSTANCE.put("eureka-server", RunningSuite.management("eureka-server", ""));
        EVERY_INSTANCE.put("turbine-dashboard", RunningSuite.management("turbine-dashboard", ""));
    }

    private static Path gitDir;
    private static final Map<String, String> original = new LinkedHashMap<>();

    @BeforeAll
    static void secondCustomerInstance() throws Exception {
        gitDir = RunningSuite.launcher().layout().configGitDir();
        for (String file : List.of("application.yml", "customer.yml")) {
            original.put(file, Files.readString(gitDir.resolve(file)));
        }
        RunningSuite.launcher().startInstance("customer-service", 2);
    }

    @AfterAll
    static void restore() throws Exception {
        try {
            boolean changed = false;
            for (Map.Entry<String, String> file : original.entrySet()) {
                if (!Files.readString(gitDir.resolve(file.getKey())).equals(file.getValue())) {
                    Files.writeString(gitDir.resolve(file.getKey()), file.getValue());
                    changed = true;
                }
            }
            if (changed) {
                commit("e2e: restore after BusRefreshIT", original.keySet().toArray(new String[0]));
                assertThat(busRefresh(CUSTOMER_1, "").statusCode()).isEqualTo(204);
                for (Map.Entry<String, String> instance : EVERY_INSTANCE.entrySet()) {
                    if (!instance.getKey().equals("customer-service-2")) {
                        assertThat(awaitChecked(instance.getValue(), Optional.empty())).as(instance.getKey() + " restored").isTrue();
                    }
                }
            }
        } finally {
            RunningSuite.launcher().stopInstance("customer-service", 2);
            // Refreshed Eureka clients re-register and the callers' server lists need a few fetches to hold
            // customer-service (instance 1 only) again: RunningSuite waits for that after this method, as after
            // every class (customer-service-2 gone from Eureka, every instance UP, both routes real ten times).
        }
    }

    @Test
    void busRefreshAndMonitorNeedTheOperatorsLogin() {
        assertThat(Http.send(post(CUSTOMER_1 + "/actuator/bus-refresh")).statusCode()).isEqualTo(401);
        assertThat(Http.send(post(CATALOGS + "/actuator/bus-refresh").header("Authorization", DevelopmentTokens.basic("operator", "wrong")))
                .statusCode()).isEqualTo(401);
        assertThat(Http.send(post(RunningSuite.management("eureka-server", "/actuator/bus-refresh"))).statusCode()).isEqualTo(401);
        assertThat(Http.send(post(RunningSuite.management("config-server", "/actuator/bus-refresh"))).statusCode()).isEqualTo(401);
        assertThat(Http.send(githubPush("customer.yml").header("Authorization", RunningSuite.applicationLogin("config", "customer")))
                .statusCode()).isEqualTo(403);
        assertThat(Http.send(githubPush("customer.yml")).statusCode()).isEqualTo(401);
        // The gateway never routes an operations endpoint, the bus's included.
        assertThat(Http.send(post(RunningSuite.url("zuul-gateway", "/customers/actuator/bus-refresh"))
                .header("Authorization", RunningSuite.MANAGEMENT_LOGIN)).statusCode()).isGreaterThanOrEqualTo(400);
    }

    @Test
    void oneBusRefreshReachesEveryInstanceThenADestinationOnlyItsOwnAndAPushOnlyTheServiceOfItsFile() throws Exception {
        // 1. application.yml changed: one POST to customer-service 1 refreshes every instance of every service.
        String everywhere = "all-" + UUID.randomUUID();
        append("application.yml", everywhere);
        Instant sent = Instant.now();
        assertThat(busRefresh(CUSTOMER_1, "").statusCode()).isEqualTo(204);
        for (Map.Entry<String, String> instance : EVERY_INSTANCE.entrySet()) {
            assertThat(awaitChecked(instance.getValue(), Optional.of(everywhere)))
                    .as(instance.getKey() + " shows info." + CHECKED + " = " + everywhere + " within " + WITHIN).isTrue();
        }
        System.out.printf("[e2e] bus-refresh reached all %d instances in %.1f s%n", EVERY_INSTANCE.size(),
                Duration.between(sent, Instant.now()).toMillis() / 1000.0);

        // 2. Each instance has a bus id of its own (customer:8082:..., customer:8092:...): a refresh sent from
        //    catalogs to customer:8092 reaches customer-service 2 only.
        String second = "second-" + UUID.randomUUID();
        append("customer.yml", second);
        assertThat(busRefresh(CATALOGS, "/customer:8092").statusCode()).isEqualTo(204);
        assertThat(awaitChecked(CUSTOMER_2, Optional.of(second))).as("customer-service 2 refreshed").isTrue();
        Thread.sleep(1000);
        assertThat(checked(CUSTOMER_1)).as("customer-service 1 is not customer:8092").hasValue(everywhere);

        // 3. A GitHub push naming customer.yml, to the config server's /monitor: every customer-service instance
        //    refreshes, and no other service.
        String pushed = "pushed-" + UUID.randomUUID();
        append("customer.yml", pushed);
        HttpResponse<byte[]> monitor = Http.send(githubPush("customer.yml")
                .header("Authorization", DevelopmentTokens.basic(RunningSuite.CONFIG_USER, RunningSuite.CONFIG_PASSWORD)));
        assertThat(monitor.statusCode()).as(Http.text(monitor)).isEqualTo(200);
        assertThat(Http.text(monitor)).isEqualTo("[\"customer\"]");
        assertThat(awaitChecked(CUSTOMER_1, Optional.of(pushed))).as("customer-service 1 after the push").isTrue();
        assertThat(awaitChecked(CUSTOMER_2, Optional.of(pushed))).as("customer-service 2 after the push").isTrue();
        Thread.sleep(1000);
        assertThat(checked(CATALOGS)).as("catalogs is not configured by customer.yml").hasValue(everywhere);
    }

    /**
     * Every refresh makes Spring Cloud take each instance DOWN and UP again in Eureka; with Eureka's own status
     * bookkeeping a burst of them left some instance DOWN for good (spring-cloud-netflix#4094) and the gateway
     * answered 503 for it. The status now follows readiness (msa-support's EurekaStatusAutoConfiguration).
     */
    @Test
    void aBurstOfRefreshesLeavesEveryInstanceUpInEureka() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(busRefresh(CUSTOMER_1, "").statusCode()).isEqualTo(204);
            Thread.sleep(1000);
        }
        // Instance-info replication every 5 s, so any instance still DOWN after 15 s stays DOWN.
        Thread.sleep(15_000);
        JsonNode apps = Http.json(Http.send(HttpRequest.newBuilder(URI.create(RunningSuite.url("eureka-server", "/eureka/apps")))
                .header("Accept", "application/json")
                .header("Authorization", DevelopmentTokens.basic(RunningSuite.EUREKA_USER, RunningSuite.EUREKA_PASSWORD))));
        Map<String, String> statuses = new LinkedHashMap<>();
        for (JsonNode app : apps.path("applications").path("application")) {
            for (JsonNode instance : app.path("instance")) {
                statuses.put(instance.path("instanceId").asText(), instance.path("status").asText());
            }
        }
        assertThat(statuses).as("every registered instance").hasSizeGreaterThanOrEqualTo(EVERY_INSTANCE.size() - 1)
                .allSatisfy((instance, status) -> assertThat(status).as(instance).isEqualTo("UP"));
    }

    /** Appends {@code info.bus-check: value} to a file of the seeded repository and commits it. */
    private static void append(String file, String value) throws Exception {
        Path path = gitDir.resolve(file);
        String withoutEarlier = Files.readString(path).replaceAll("(?m)^info\\." + CHECKED + ": .*\\n", "");
        Files.writeString(path, withoutEarlier + "info." + CHECKED + ": " + value + "\n");
        commit("e2e: " + file + " info." + CHECKED + " = " + value, file);
    }

    private static void commit(String message, String... files) throws Exception {
        try (Git git = Git.open(gitDir.toFile())) {
            for (String file : files) {
                git.add().addFilepattern(file).call();
            }
            git.commit().setMessage(message).call();
        }
    }

    private static HttpResponse<byte[]> busRefresh(String managementUrl, String destination) {
        return Http.send(post(managementUrl + "/actuator/bus-refresh" + destination)
                .header("Authorization", RunningSuite.MANAGEMENT_LOGIN));
    }

    private static HttpRequest.Builder post(String url) {
        return HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody());
    }

    /** What GitHub sends for a push (the fields /monitor reads), without a login. */
    private static HttpRequest.Builder githubPush(String file) {
        return HttpRequest.newBuilder(URI.create(CONFIG_SERVER + "/monitor"))
                .header("Content-Type", "application/json").header("X-Github-Event", "push")
                .POST(HttpRequest.BodyPublishers.ofString("{\"ref\":\"refs/heads/main\",\"commits\":[{\"id\":\"e2e\","
                        + "\"added\":[],\"removed\":[],\"modified\":[\"" + file + "\"]}]}"));
    }

    /** info.bus-check as the instance's open /actuator/info shows it now. */
    private static Optional<String> checked(String managementUrl) {
        HttpResponse<byte[]> info = Http.get(managementUrl + "/actuator/info", "application/json");
        assertThat(info.statusCode()).as(managementUrl + "/actuator/info").isEqualTo(200);
        JsonNode value = Http.json(info).get(CHECKED);
        return value == null ? Optional.empty() : Optional.of(value.asText());
    }

    private static boolean awaitChecked(String managementUrl, Optional<String> expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(WITHIN);
        while (Instant.now().isBefore(deadline)) {
            if (checked(managementUrl).equals(expected)) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }
}
