package egovframework.msa.sample.e2e;

import egovframework.msa.sample.launcher.DevelopmentTokens;
import egovframework.msa.sample.launcher.ServiceSpec;
import egovframework.msa.sample.launcher.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prometheus metrics of the running suite (observability/, README: Observability): every service serves them on
 * its management port to the scrape login only, tagged with its application and instance; requests through the
 * gateway show up as per-route timers with histogram buckets, catalogs' calls as client timers and Hystrix
 * metrics; and every metric the committed Grafana dashboard queries (observability/dashboard-metrics.txt, which
 * deployment-tests' ObservabilityTest holds equal to the dashboard's queries) is really exposed.
 */
@ExtendWith(RunningSuite.class)
class MetricsIT {

    private static final String GATEWAY = RunningSuite.url("zuul-gateway", "");
    /** The scrape login's development default (config-repo/application.yml, suite.management.metrics). */
    private static final String SCRAPE_LOGIN = DevelopmentTokens.basic(RunningSuite.METRICS_USER, RunningSuite.METRICS_PASSWORD);
    /** spring.application.name of each module: the application tag. */
    private static final Map<String, String> APPLICATIONS = Map.of("config-server", "config-server",
            "eureka-server", "eureka-server", "customer-service", "customer", "catalogs-service", "catalogs",
            "zuul-gateway", "zuul-gateway", "turbine-dashboard", "turbine-dashboard");

    @Test
    void onlyTheScrapeLoginReadsTheMetricsAndItOpensNothingElse() {
        for (ServiceSpec service : Topology.SERVICES) {
            String management = "http://127.0.0.1:" + service.managementPort() + "/actuator/";
            assertThat(status("GET", management + "prometheus", null)).as(service.name() + " without a login").isEqualTo(401);
            assertThat(status("GET", management + "prometheus", DevelopmentTokens.basic("metrics", "wrong-password")))
                    .as(service.name() + " with a wrong password").isEqualTo(401);
            assertThat(status("GET", management + "prometheus", SCRAPE_LOGIN)).as(service.name()).isEqualTo(200);
            // bus-refresh is exposed on every service; the scrape login is refused before anything is sent.
            assertThat(status("POST", management + "bus-refresh", SCRAPE_LOGIN)).as(service.name() + " bus-refresh").isEqualTo(403);
            if (!service.name().equals("config-server")) {
                assertThat(status("POST", management + "refresh", SCRAPE_LOGIN)).as(service.name() + " refresh").isEqualTo(403);
            }
        }
        assertThat(status("GET", RunningSuite.management("customer-service", "/actuator/prometheus"), RunningSuite.MANAGEMENT_LOGIN))
                .as("the operators may read the metrics too").isEqualTo(200);
        assertThat(status("GET", RunningSuite.url("eureka-server", "/"), SCRAPE_LOGIN)).as("not Eureka's dashboard").isEqualTo(403);
        assertThat(status("GET", RunningSuite.url("eureka-server", "/eureka/apps"), SCRAPE_LOGIN))
                .as("Eureka's registry: Prometheus' service discovery").isEqualTo(200);
        assertThat(status("GET", RunningSuite.url("config-server", "/catalogs/default"), SCRAPE_LOGIN))
                .as("no configuration from the config server").isEqualTo(403);
    }

    @Test
    void everySeriesNamesItsApplicationAndInstance() {
        for (ServiceSpec service : Topology.SERVICES) {
            List<String> samples = samples(scrape(service));
            assertThat(samples).as(service.name()).isNotEmpty();
            String tags = "application=\"" + APPLICATIONS.get(service.name()) + "\"";
            String instance = "instance=\"";
            assertThat(samples).as(service.name() + ": every series has its application and instance (host:port)")
                    .allMatch(line -> line.contains(tags) && line.contains(instance) && line.matches(".*instance=\"[^\"]+:" + service.port() + "\".*"));
        }
    }

    @Test
    void requestsThroughTheGatewayShowAsRouteTimersClientTimersAndHystrixMetrics() {
        sendTraffic();
        List<String> gateway = samples(scrape(Topology.get("zuul-gateway")));
        assertThat(gateway).as("the gateway's timer per Zuul route, with histogram buckets")
                .anyMatch(line -> line.startsWith("http_server_requests_seconds_bucket{") && line.contains("uri=\"/catalogs/**\"")
                        && line.contains("le=\"0.1\""))
                .anyMatch(line -> line.startsWith("http_server_requests_seconds_count{") && line.contains("uri=\"/customers/**\""));
        assertThat(bucketBounds(gateway, "uri=\"/catalogs/**\"")).as("buckets per series: bounded").hasSizeBetween(10, 60);

        List<String> catalogs = samples(scrape(Topology.get("catalogs-service")));
        assertThat(catalogs).as("catalogs' own endpoint and its calls to customer-service, with buckets")
                .anyMatch(line -> line.startsWith("http_server_requests_seconds_bucket{") && line.contains("uri=\"/catalogs/customerinfo/{customerId}\""))
                .anyMatch(line -> line.startsWith("http_client_requests_seconds_bucket{") && line.contains("clientName=\"customer\"")
                        && line.contains("uri=\"/customers/{id}\""));
        assertThat(catalogs).as("Hystrix command customerInfo")
                .anyMatch(line -> line.startsWith("hystrix_execution_total{") && line.contains("key=\"customerInfo\"")
                        && line.contains("event=\"success\"") && value(line) > 0)
                .anyMatch(line -> line.startsWith("hystrix_circuit_breaker_open{") && line.contains("key=\"customerInfo\""))
                .anyMatch(line -> line.startsWith("hystrix_latency_execution_seconds_count{") && line.contains("key=\"customerInfo\""));
        assertThat(samples(scrape(Topology.get("customer-service")))).as("customer-service's endpoint and database pool")
                .anyMatch(line -> line.startsWith("http_server_requests_seconds_bucket{") && line.contains("uri=\"/customers/{id}\""))
                .anyMatch(line -> line.startsWith("hikaricp_connections_active{"));
    }

    @Test
    void everyMetricTheDashboardQueriesIsExposed() throws IOException {
        sendTraffic();
        Set<String> exposed = new TreeSet<>();
        for (ServiceSpec service : Topology.SERVICES) {
            samples(scrape(service)).forEach(line -> exposed.add(line.split("[{ ]", 2)[0]));
        }
        Set<String> dashboard = Files.readAllLines(RunningSuite.root().resolve("observability/dashboard-metrics.txt")).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).collect(Collectors.toCollection(TreeSet::new));
        assertThat(dashboard).as("the dashboard's metrics").hasSizeGreaterThan(10);
        assertThat(exposed).as("metrics the services expose").containsAll(dashboard);
    }

    /** Requests through the gateway on both routes; then waits until catalogs' Hystrix counters show them. */
    private static void sendTraffic() {
        String token = RunningSuite.readToken();
        for (int i = 0; i < 5; i++) {
            assertThat(Http.get(GATEWAY + "/catalogs/customerinfo/1234", "application/json", token).statusCode()).isEqualTo(200);
            assertThat(Http.get(GATEWAY + "/customers/1234", "application/json", token).statusCode()).isEqualTo(200);
        }
        // Hystrix counts in rolling buckets that the metrics binder reads as they close.
        Predicate<String> counted = line -> line.startsWith("hystrix_execution_total{") && line.contains("event=\"success\"")
                && line.contains("key=\"customerInfo\"") && value(line) > 0;
        Instant deadline = Instant.now().plusSeconds(15);
        while (samples(scrape(Topology.get("catalogs-service"))).stream().noneMatch(counted) && Instant.now().isBefore(deadline)) {
            RunningSuite.pause(Duration.ofMillis(500));
        }
    }

    private static String scrape(ServiceSpec service) {
        HttpResponse<byte[]> response = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.managementPort()
                + "/actuator/prometheus")).header("Authorization", SCRAPE_LOGIN).GET());
        assertThat(response.statusCode()).as(service.name() + " scrape").isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return Http.text(response);
    }

    /** The sample lines of Prometheus' text format (no # HELP / # TYPE). */
    private static List<String> samples(String exposition) {
        return Arrays.stream(exposition.split("\n")).filter(line -> !line.isBlank() && !line.startsWith("#")).collect(Collectors.toList());
    }

    private static Set<String> bucketBounds(List<String> samples, String series) {
        return samples.stream().filter(line -> line.startsWith("http_server_requests_seconds_bucket{") && line.contains(series))
                .map(line -> line.replaceAll(".*le=\"([^\"]+)\".*", "$1")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static double value(String sample) {
        return Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
    }

    private static int status(String method, String url, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return Http.send(request).statusCode();
    }
}
