package egovframework.msa.sample.deployment;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static egovframework.msa.sample.deployment.Repository.list;
import static egovframework.msa.sample.deployment.Repository.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metrics (observability/): the Grafana dashboard queries only the metrics listed as exposed (MetricsIT in
 * e2e-tests scrapes the running services for each of them), Prometheus scrapes every management port with
 * the scrape login and nothing more, and compose and the dev overlay run both without changing the suite.
 */
class ObservabilityTest {

    static final String DASHBOARD = "observability/grafana/dashboards/egov-msa-suite.json";
    static final String DASHBOARD_METRICS = "observability/dashboard-metrics.txt";

    /** PromQL words that look like metric names but are not. */
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "group_left", "group_right",
            "inf", "nan");
    /** A name not directly followed by "(" (a function or aggregation) and not part of a longer word. */
    private static final Pattern NAME = Pattern.compile("(?<![\\w:.$])[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");
    /** label_values(metric, label): the metric only. */
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([^,()]+?)\\s*,\\s*\\w+\\s*\\)");

    /** The metric names of a PromQL expression: without strings, label matchers, ranges, label lists and functions. */
    static Set<String> metricNames(String promql) {
        String bare = LABEL_VALUES.matcher(promql).replaceAll("$1")
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", " ")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher name = NAME.matcher(bare);
        while (name.find()) {
            if (!KEYWORDS.contains(name.group().toLowerCase(java.util.Locale.ROOT))) {
                names.add(name.group());
            }
        }
        return names;
    }

    /** Every PromQL expression of a dashboard: the panels' targets (rows' panels too) and the variables' queries. */
    static List<String> expressions(Map<String, Object> dashboard) {
        List<String> expressions = new ArrayList<>();
        collectExpr(dashboard.get("panels"), expressions);
        for (Map<String, Object> variable : list(map(dashboard.get("templating")).get("list"))) {
            Object query = variable.get("query");
            expressions.add(String.valueOf(query instanceof Map ? map(query).get("query") : query));
        }
        return expressions;
    }

    private static void collectExpr(Object node, List<String> into) {
        if (node instanceof Map) {
            map(node).forEach((key, value) -> {
                if (key.equals("expr")) {
                    into.add(String.valueOf(value));
                } else {
                    collectExpr(value, into);
                }
            });
        } else if (node instanceof List) {
            ((List<?>) node).forEach(item -> collectExpr(item, into));
        }
    }

    static Set<String> listedMetrics() {
        return Arrays.stream(Repository.read(DASHBOARD_METRICS).split("\n")).map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theExtractionFindsMetricsNotFunctionsLabelsOrVariables() {
        assertThat(metricNames("histogram_quantile(0.99, sum by (application, uri, le) "
                + "(rate(http_server_requests_seconds_bucket{application=~\"$application\", uri!=\"/x\"}[$__rate_interval])))"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(metricNames("sum(rate(a_total[1m])) / on (key) group_left sum without (le) (b_seconds_count) > bool 0 or up"))
                .containsExactly("a_total", "b_seconds_count", "up");
        assertThat(metricNames("label_values(jvm_memory_used_bytes, application)")).containsExactly("jvm_memory_used_bytes");
    }

    @Test
    void theDashboardQueriesExactlyTheMetricsListedAsExposed() {
        Map<String, Object> dashboard = Repository.yaml(DASHBOARD);
        List<String> expressions = expressions(dashboard);
        assertThat(expressions).as("PromQL in the dashboard").hasSizeGreaterThan(10);
        Set<String> used = expressions.stream().flatMap(e -> metricNames(e).stream()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(used).as("metrics the dashboard queries = " + DASHBOARD_METRICS + " (MetricsIT checks each is exposed)")
                .containsExactlyElementsOf(listedMetrics());
    }

    /** The panels the issue asks for: request rate, 5xx errors, p99 per route, circuit state, JVM memory. */
    @Test
    void theDashboardShowsRatesErrorsP99CircuitsAndMemory() {
        List<String> expressions = expressions(Repository.yaml(DASHBOARD));
        assertThat(expressions).anyMatch(e -> e.contains("rate(http_server_requests_seconds_count") && e.contains("uri"));
        assertThat(expressions).anyMatch(e -> e.contains("status=~\"5..\""));
        assertThat(expressions).anyMatch(e -> e.startsWith("histogram_quantile(0.99") && e.contains("http_server_requests_seconds_bucket")
                && e.contains("uri, le"));
        assertThat(expressions).anyMatch(e -> e.contains("hystrix_circuit_breaker_open"));
        assertThat(expressions).anyMatch(e -> e.contains("area=\"heap\"")).anyMatch(e -> e.contains("area=\"nonheap\""));
    }

    @Test
    void theDashboardQueriesTheDataSourceGrafanaIsProvisionedWith() {
        Map<String, Object> datasource = list(Repository.yaml("observability/grafana/provisioning/datasources/prometheus.yml")
                .get("datasources")).get(0);
        assertThat(datasource).containsEntry("type", "prometheus").containsEntry("url", "http://prometheus:9090");
        List<Object> uids = new ArrayList<>();
        collectDatasourceUids(Repository.yaml(DASHBOARD), uids);
        assertThat(uids).isNotEmpty().containsOnly(datasource.get("uid"));
        Map<String, Object> provider = list(Repository.yaml("observability/grafana/provisioning/dashboards/egov-msa-suite.yml")
                .get("providers")).get(0);
        assertThat(map(provider.get("options")).get("path")).as("where compose and k8s mount the dashboards")
                .isEqualTo("/etc/grafana/dashboards");
    }

    private static void collectDatasourceUids(Object node, List<Object> into) {
        if (node instanceof Map) {
            map(node).forEach((key, value) -> {
                if (key.equals("datasource")) {
                    into.add(map(value).get("uid"));
                } else {
                    collectDatasourceUids(value, into);
                }
            });
        } else if (node instanceof List) {
            ((List<?>) node).forEach(item -> collectDatasourceUids(item, into));
        }
    }

    /**
     * Both Prometheus configurations scrape /actuator/prometheus with the scrape login from a file, keep the
     * services' own application and instance labels, and find the management port: in compose from Eureka's
     * metadata (management.port, which Spring Cloud registers), plus the config server, which is not in Eureka.
     */
    @Test
    void prometheusScrapesTheManagementPortsWithTheScrapeLogin() {
        for (String file : List.of("observability/prometheus/prometheus.yml", "observability/prometheus/prometheus-k8s.yml")) {
            for (Map<String, Object> job : list(Repository.yaml(file).get("scrape_configs"))) {
                String name = file + " " + job.get("job_name");
                assertThat(job).as(name).containsEntry("metrics_path", "/actuator/prometheus").containsEntry("honor_labels", true);
                assertThat(map(job.get("basic_auth"))).as(name).containsEntry("username", "metrics").containsKey("password_file")
                        .doesNotContainKey("password");
            }
        }
        String scrapeUser = ServiceConfig.of("customer-service", "docker", Map.of()).property("suite.management.metrics.username",
                String.class, null);
        assertThat(scrapeUser).isEqualTo("metrics");

        List<Map<String, Object>> compose = list(Repository.yaml("observability/prometheus/prometheus.yml").get("scrape_configs"));
        Map<String, Object> eureka = list(compose.get(0).get("eureka_sd_configs")).get(0);
        assertThat(eureka.get("server")).isEqualTo("http://eureka-server:" + ServiceConfig.of("eureka-server", "docker", Map.of()).port() + "/eureka");
        assertThat(map(eureka.get("basic_auth"))).containsEntry("username", "metrics");
        assertThat(list(compose.get(0).get("relabel_configs"))).anySatisfy(rule -> assertThat(rule)
                .containsEntry("target_label", "__address__")
                .containsEntry("source_labels", List.of("__meta_eureka_app_instance_ip_addr", "__meta_eureka_app_instance_metadata_management_port")));
        // The two that do not register in Eureka, by name and management port.
        assertThat(list(compose.get(1).get("static_configs")).get(0).get("targets")).isEqualTo(List.of(
                "config-server:" + ServiceConfig.of("config-server", "docker", Map.of()).managementPort(),
                "eureka-server:" + ServiceConfig.of("eureka-server", "docker", Map.of()).managementPort()));

        Map<String, Object> k8s = list(Repository.yaml("observability/prometheus/prometheus-k8s.yml").get("scrape_configs")).get(0);
        assertThat(list(k8s.get("relabel_configs"))).anySatisfy(rule -> assertThat(rule)
                .containsEntry("source_labels", List.of("__meta_kubernetes_pod_container_port_name"))
                .containsEntry("regex", "management").containsEntry("action", "keep"));
    }

    /** Every service serves prometheus on its management port and needs METRICS_PASSWORD in containers; compose gives it. */
    @Test
    void everyServiceExposesPrometheusAndTakesTheScrapePasswordFromTheEnvironment() {
        Map<String, Object> services = map(Repository.yaml("docker-compose.yml").get("services"));
        for (String service : Repository.serviceNames()) {
            Map<String, String> env = new HashMap<>(Repository.imageEnvironment());
            env.putAll(Repository.composeEnvironment(service));
            ServiceConfig config = ServiceConfig.of(service, "docker", env);
            assertThat(config.exposedPaths()).as(service).contains("/actuator/prometheus");
            assertThat(config.property("suite.required-settings", String.class, "").split("\\s*,\\s*"))
                    .as(service + " refuses a missing or development scrape password").contains("METRICS_PASSWORD");
            assertThat(String.valueOf(map(map(services.get(service)).get("environment")).get("METRICS_PASSWORD")))
                    .as(service).matches("\\$\\{METRICS_PASSWORD:\\?.*}");
        }
    }

    /**
     * compose: Prometheus and Grafana only with --profile observability, pinned images, on the host's loopback,
     * Grafana's admin password from .env (required, no default), the scrape password as a secret file.
     */
    @Test
    void composeRunsPrometheusAndGrafanaInTheObservabilityProfileOnly() {
        Map<String, Object> compose = Repository.yaml("docker-compose.yml");
        Map<String, Object> services = map(compose.get("services"));
        for (String name : ComposeFileTest.OBSERVABILITY) {
            Map<String, Object> service = map(services.get(name));
            assertThat(Repository.<Object>listOf(service.get("profiles"))).as(name).containsExactly("observability");
            assertThat(String.valueOf(service.get("image"))).as(name + ": a pinned version").matches("(prom/prometheus|grafana/grafana):v?\\d+\\.\\d+\\.\\d+");
            assertThat(Repository.<Object>listOf(service.get("ports"))).as(name + ": host loopback only")
                    .allSatisfy(p -> assertThat(String.valueOf(p)).startsWith("127.0.0.1:"));
            assertThat(map(map(map(service.get("deploy")).get("resources")).get("limits"))).containsKey("memory");
        }
        Map<String, Object> prometheus = map(services.get("prometheus"));
        assertThat(Repository.<Object>listOf(prometheus.get("volumes")))
                .contains("./observability/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
        assertThat(Repository.<Object>listOf(prometheus.get("secrets"))).containsExactly("metrics_password");
        assertThat(map(map(compose.get("secrets")).get("metrics_password"))).containsEntry("environment", "METRICS_PASSWORD");
        Map<String, Object> grafana = map(services.get("grafana"));
        assertThat(String.valueOf(map(grafana.get("environment")).get("GF_SECURITY_ADMIN_PASSWORD")))
                .matches("\\$\\{GRAFANA_ADMIN_PASSWORD:\\?.*}");
        assertThat(Repository.<Object>listOf(grafana.get("volumes"))).contains(
                "./observability/grafana/provisioning:/etc/grafana/provisioning:ro",
                "./observability/grafana/dashboards:/etc/grafana/dashboards:ro");
        assertThat(Repository.read(".env.example")).containsPattern("(?m)^METRICS_PASSWORD=$").containsPattern("(?m)^GRAFANA_ADMIN_PASSWORD=$");
    }

    /**
     * dev runs the component: Prometheus may reach every service's management port and nothing else of theirs,
     * it holds only the scrape password, its configuration and Grafana's dashboard are the committed files;
     * prod does not include it.
     */
    @Test
    void devRunsPrometheusAndGrafanaFromTheCommittedFiles() throws IOException, InterruptedException {
        for (RenderedOverlay overlay : RenderedOverlay.all()) {
            if (overlay.name().equals("prod")) {
                assertThat(overlay.find("Deployment", "prometheus")).as("prod: no Prometheus of its own").isEmpty();
                continue;
            }
            if (!overlay.name().equals("dev")) {
                continue;
            }
            Map<String, Object> policy = map(overlay.get("NetworkPolicy", "prometheus-scrapes-management-ports").get("spec"));
            List<Map<String, Object>> selected = list(map(policy.get("podSelector")).get("matchExpressions"));
            assertThat(selected.get(0).get("values")).as("every service's pods").isEqualTo(Repository.serviceNames());
            Map<String, Object> rule = list(policy.get("ingress")).get(0);
            assertThat(list(rule.get("ports"))).containsExactly(Map.of("port", "management"));
            assertThat(list(rule.get("from"))).containsExactly(Map.of("podSelector", Map.of("matchLabels",
                    Map.of("app.kubernetes.io/name", "prometheus"))));

            Map<String, Object> prometheus = overlay.get("Deployment", "prometheus");
            Map<String, Object> login = list(RenderedOverlay.podSpec(prometheus).get("volumes")).stream()
                    .filter(v -> v.containsKey("secret")).findFirst().orElseThrow();
            assertThat(map(login.get("secret"))).containsEntry("secretName", "metrics-login")
                    .containsEntry("items", List.of(Map.of("key", "METRICS_PASSWORD", "path", "metrics_password")));
            Object mountPath = list(RenderedOverlay.container(prometheus).get("volumeMounts")).stream()
                    .filter(m -> login.get("name").equals(m.get("name"))).findFirst().orElseThrow().get("mountPath");
            Map<String, Object> job = list(Repository.yaml("observability/prometheus/prometheus-k8s.yml").get("scrape_configs")).get(0);
            assertThat(map(job.get("basic_auth")).get("password_file")).as("the scrape password where the Secret is mounted")
                    .isEqualTo(mountPath + "/metrics_password");
            assertThat(configMapData(overlay, "prometheus-config").get("prometheus.yml"))
                    .isEqualTo(Repository.read("observability/prometheus/prometheus-k8s.yml"));
            assertThat(configMapData(overlay, "grafana-dashboards").get("egov-msa-suite.json")).isEqualTo(Repository.read(DASHBOARD));
            assertThat(RenderedOverlay.container(prometheus).get("image"))
                    .isEqualTo(map(map(Repository.yaml("docker-compose.yml").get("services")).get("prometheus")).get("image"));
        }
    }

    /** A generated ConfigMap, found by the name before kustomize's hash suffix. */
    private static Map<String, Object> configMapData(RenderedOverlay overlay, String name) {
        return overlay.ofKind("ConfigMap").stream()
                .filter(c -> String.valueOf(map(c.get("metadata")).get("name")).matches(Pattern.quote(name) + "(-[a-z0-9]+)?"))
                .map(c -> map(c.get("data"))).findFirst().orElseThrow(() -> new AssertionError("no ConfigMap " + name));
    }
}
