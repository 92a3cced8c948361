package egovframework.msa.sample.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import egovframework.msa.sample.launcher.ServiceSpec;
import egovframework.msa.sample.launcher.Topology;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The committed observability configuration against the running suite, with a real Prometheus (Debian's
 * package; .ci/run installs it): observability/prometheus/prometheus.yml, with compose's host names swapped for
 * localhost and shorter intervals, finds every instance through Eureka and scrapes it with the scrape login;
 * then every query of every panel of the Grafana dashboard (observability/grafana/dashboards) is run as Grafana
 * would run it, and each answers, with data where the traffic sent makes some. Grafana itself is in neither
 * Debian nor Maven Central, so the queries are checked here rather than in a running Grafana.
 */
@ExtendWith(RunningSuite.class)
class DashboardQueriesIT {

    private static final Path PROMETHEUS = Path.of(System.getenv().getOrDefault("PROMETHEUS_BIN", "/usr/bin/prometheus"));
    /** Not 9090: a Prometheus the machine runs for itself keeps its port. */
    private static final int PORT = 19090;
    private static final String API = "http://127.0.0.1:" + PORT + "/api/v1/";
    private static final Set<String> APPLICATIONS = Set.of("config-server", "eureka-server", "customer", "catalogs",
            "zuul-gateway", "turbine-dashboard");
    /** Dashboard panels that show errors: with none in the traffic they rightly have no series. */
    private static final List<String> MAY_BE_EMPTY = List.of("5xx");

    @Test
    void prometheusFindsEveryInstanceThroughEurekaAndEveryPanelOfTheDashboardAnswers(@TempDir Path dir) throws Exception {
        if (!Files.isExecutable(PROMETHEUS)) {
            if ("required".equals(System.getenv("SUITE_PROMETHEUS_TESTS"))) {
                fail("no Prometheus at " + PROMETHEUS + " (apt-get install prometheus) and SUITE_PROMETHEUS_TESTS=required");
            }
            Assumptions.assumeTrue(false, "no Prometheus at " + PROMETHEUS + ": apt-get install prometheus, or set PROMETHEUS_BIN");
        }
        Path config = localConfig(dir);
        Process prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + PORT, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        try {
            List<String> targets = awaitTargets(prometheus, dir);
            assertThat(targets).as("targets: four through Eureka, the config server and Eureka by name")
                    .hasSizeGreaterThanOrEqualTo(APPLICATIONS.size()).allMatch(t -> t.contains(" up "));
            JsonNode scraped = query("count by (job, application) (process_uptime_seconds)");
            assertThat(labelValues(scraped, "job", "application")).as("each application, and the job that found it")
                    .containsExactlyInAnyOrder("egov-msa-suite customer", "egov-msa-suite catalogs", "egov-msa-suite zuul-gateway",
                            "egov-msa-suite turbine-dashboard", "config-and-registry config-server", "config-and-registry eureka-server");

            sendTraffic(Duration.ofSeconds(20));
            JsonNode dashboard = Http.JSON.readTree(RunningSuite.root().resolve("observability/grafana/dashboards/egov-msa-suite.json").toFile());
            String variable = dashboard.at("/templating/list/0/query/query").asText();
            assertThat(variable).startsWith("label_values(");
            // label_values(metric, label): the application drop-down offers every application.
            String metric = variable.substring("label_values(".length(), variable.indexOf(','));
            assertThat(labelValues(query("count by (application) (" + metric + ")"), "application"))
                    .as("the dashboard's application variable").containsAll(APPLICATIONS);

            Map<String, Integer> seriesPerPanel = new LinkedHashMap<>();
            for (JsonNode panel : dashboard.get("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.get("expr").asText().replace("$application", ".*").replace("$__rate_interval", "30s");
                    JsonNode result = query(expr);
                    seriesPerPanel.merge(panel.get("title").asText() + " [" + target.path("refId").asText() + "]", result.size(), Integer::sum);
                }
            }
            System.out.println("[e2e] dashboard panels, series each: " + seriesPerPanel);
            assertThat(seriesPerPanel).as("panels").hasSizeGreaterThan(10);
            seriesPerPanel.forEach((panel, series) -> {
                if (MAY_BE_EMPTY.stream().noneMatch(panel::contains)) {
                    assertThat(series).as("series of panel " + panel).isPositive();
                }
            });
        } finally {
            prometheus.destroy();
            prometheus.waitFor();
        }
    }

    /** The committed file with what only compose has replaced: host names, the secret file, 2 s intervals. */
    private static Path localConfig(Path dir) throws IOException {
        Path password = dir.resolve("metrics_password");
        Files.writeString(password, RunningSuite.METRICS_PASSWORD);
        String committed = Files.readString(RunningSuite.root().resolve("observability/prometheus/prometheus.yml"));
        ServiceSpec configServer = Topology.get("config-server");
        ServiceSpec eureka = Topology.get("eureka-server");
        Map<String, String> swaps = new LinkedHashMap<>();
        swaps.put("http://eureka-server:" + eureka.port() + "/eureka", RunningSuite.url("eureka-server", "/eureka"));
        swaps.put("[\"config-server:" + configServer.managementPort() + "\"]", "[\"localhost:" + configServer.managementPort() + "\"]");
        swaps.put("[\"eureka-server:" + eureka.managementPort() + "\"]", "[\"localhost:" + eureka.managementPort() + "\"]");
        // Locally the management ports listen on loopback only, not on the address an instance registers with.
        swaps.put("[__meta_eureka_app_instance_ip_addr, __meta_eureka_app_instance_metadata_management_port]",
                "[__meta_eureka_app_instance_hostname, __meta_eureka_app_instance_metadata_management_port]");
        swaps.put("/run/secrets/metrics_password", password.toString());
        swaps.put("scrape_interval: 15s", "scrape_interval: 2s");
        swaps.put("scrape_timeout: 5s", "scrape_timeout: 2s");
        swaps.put("refresh_interval: 15s", "refresh_interval: 2s");
        String local = committed;
        for (Map.Entry<String, String> swap : swaps.entrySet()) {
            assertThat(local).as("observability/prometheus/prometheus.yml still says").contains(swap.getKey());
            local = local.replace(swap.getKey(), swap.getValue());
        }
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, local);
        return config;
    }

    /**
     * Each active target as "scrape URL health [last error]", once at least one per service is up and none is
     * down (at most 90 s).
     */
    private static List<String> awaitTargets(Process prometheus, Path dir) throws IOException {
        Instant deadline = Instant.now().plusSeconds(90);
        List<String> targets = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            if (!prometheus.isAlive()) {
                fail("Prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
            }
            targets.clear();
            try {
                for (JsonNode target : get(API + "targets?state=active").at("/data/activeTargets")) {
                    targets.add(target.get("scrapeUrl").asText() + " " + target.get("health").asText() + " "
                            + target.path("lastError").asText());
                }
            } catch (IllegalStateException e) {
                targets.clear(); // not listening yet
            }
            if (targets.size() >= APPLICATIONS.size() && targets.stream().allMatch(t -> t.contains(" up "))) {
                return targets;
            }
            RunningSuite.pause(Duration.ofSeconds(1));
        }
        return targets;
    }

    /** Both routes through the gateway, one request every 100 ms, for long enough for several scrapes. */
    private static void sendTraffic(Duration duration) {
        String token = RunningSuite.readToken();
        Instant end = Instant.now().plus(duration);
        while (Instant.now().isBefore(end)) {
            assertThat(Http.get(RunningSuite.url("zuul-gateway", "/catalogs/customerinfo/1234"), "application/json", token).statusCode()).isEqualTo(200);
            assertThat(Http.get(RunningSuite.url("zuul-gateway", "/customers/1234"), "application/json", token).statusCode()).isEqualTo(200);
            RunningSuite.pause(Duration.ofMillis(100));
        }
    }

    /** An instant query's result array; fails on anything but status success. */
    private static JsonNode query(String expr) {
        JsonNode answer = get(API + "query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        assertThat(answer.path("status").asText()).as("Prometheus on " + expr + ": " + answer).isEqualTo("success");
        return answer.at("/data/result");
    }

    /** Per series, the values of {@code labels} joined by a space. */
    private static List<String> labelValues(JsonNode result, String... labels) {
        List<String> values = new ArrayList<>();
        result.forEach(series -> values.add(Arrays.stream(labels).map(label -> series.at("/metric/" + label).asText())
                .collect(Collectors.joining(" "))));
        return values;
    }

    private static JsonNode get(String url) {
        return Http.json(Http.send(HttpRequest.newBuilder(URI.create(url)).GET()));
    }
}
