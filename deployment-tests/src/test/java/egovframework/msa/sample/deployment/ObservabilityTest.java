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
                // false: a target's own job, instance or application label never overrides Prometheus' (relabellingGivesEveryTarget...).
                assertThat(job).as(name).containsEntry("metrics_path", "/actuator/prometheus").containsEntry("honor_labels", false);
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
        // The two that do not register in Eureka, by name and management port, each with its application label.
        List<Map<String, Object>> named = list(compose.get(1).get("static_configs"));
        assertThat(named).hasSize(2);
        for (int i = 0; i < 2; i++) {
            String service = List.of("config-server", "eureka-server").get(i);
            assertThat(named.get(i).get("targets")).isEqualTo(List.of(service + ":" + ServiceConfig.of(service, "docker", Map.of()).managementPort()));
            assertThat(map(named.get(i).get("labels"))).isEqualTo(Map.of("application", service));
        }

        Map<String, Object> k8s = list(Repository.yaml("observability/prometheus/prometheus-k8s.yml").get("scrape_configs")).get(0);
        assertThat(list(k8s.get("relabel_configs"))).anySatisfy(rule -> assertThat(rule)
                .containsEntry("source_labels", List.of("__meta_kubernetes_pod_container_port_name"))
                .containsEntry("regex", "management").containsEntry("action", "keep"));
    }

    /**
     * With honor_labels: false the dashboard's labels are Prometheus' own: relabelling (applied here as Prometheus
     * applies it: keep, drop, replace, lowercase, anchored regular expressions) gives every service's target the
     * application label the services tag their series with (spring.application.name) and an instance label of
     * its own, in compose from what Eureka lists and in Kubernetes from the pod; a registration under another
     * name, or without a management port, is no target.
     */
    @Test
    void relabellingGivesEveryTargetItsApplicationAndInstance() {
        Map<String, Object> compose = list(Repository.yaml("observability/prometheus/prometheus.yml").get("scrape_configs")).get(0);
        Map<String, Object> k8s = list(Repository.yaml("observability/prometheus/prometheus-k8s.yml").get("scrape_configs")).get(0);
        Set<String> instances = new TreeSet<>();
        int address = 10;
        for (String service : Repository.serviceNames()) {
            String application = applicationName(service);
            String ip = "10.0.0." + address++;
            int managementPort = ServiceConfig.of(service, "docker", Map.of()).managementPort();
            Map<String, String> pod = new HashMap<>(Map.of("__address__", ip + ":" + managementPort,
                    "__meta_kubernetes_pod_label_app_kubernetes_io_part_of", "egov-msa-suite",
                    "__meta_kubernetes_pod_label_app_kubernetes_io_name", service, "__meta_kubernetes_pod_container_port_name", "management",
                    "__meta_kubernetes_pod_phase", "Running", "__meta_kubernetes_pod_name", service + "-7d9f-x2"));
            Map<String, String> scraped = relabel(k8s, pod);
            assertThat(scraped).as("k8s " + service).containsEntry("application", application).containsEntry("instance", ip + ":" + managementPort);
            if (!service.equals("config-server") && !service.equals("eureka-server")) {
                Map<String, String> registered = relabel(compose, eurekaTarget(application, ip, String.valueOf(managementPort)));
                assertThat(registered).as("compose " + service).containsEntry("application", application)
                        .containsEntry("instance", ip + ":" + managementPort);
                instances.add(registered.get("instance"));
            }
        }
        assertThat(instances).as("one instance label per target").hasSize(Repository.serviceNames().size() - 2);
        assertThat(relabel(compose, eurekaTarget("metrics", "203.0.113.9", "9999"))).as("a name that is none of the suite's").isNull();
        assertThat(relabel(compose, eurekaTarget("customer", "10.0.0.99", ""))).as("no management port").isNull();
        Map<String, String> stranger = new HashMap<>(Map.of("__address__", "10.0.0.99:9082",
                "__meta_kubernetes_pod_label_app_kubernetes_io_part_of", "egov-msa-suite", "__meta_kubernetes_pod_label_app_kubernetes_io_name",
                "debug-shell", "__meta_kubernetes_pod_container_port_name", "management", "__meta_kubernetes_pod_phase", "Running"));
        assertThat(relabel(k8s, stranger)).as("a pod of no service of the suite").isNull();
    }

    private static String applicationName(String service) {
        return service.equals("config-server") ? service
                : ServiceConfig.applicationName(ServiceConfig.root().resolve(service).resolve("src/main/resources/bootstrap.yml"));
    }

    /** What eureka_sd_configs makes of a registration (Eureka lists the application in upper case). */
    private static Map<String, String> eurekaTarget(String application, String ip, String managementPort) {
        Map<String, String> labels = new HashMap<>(Map.of("__address__", ip + ":8080", "__meta_eureka_app_name",
                application.toUpperCase(java.util.Locale.ROOT), "__meta_eureka_app_instance_ip_addr", ip,
                "__meta_eureka_app_instance_hostname", ip, "__meta_eureka_app_instance_status", "UP"));
        if (!managementPort.isEmpty()) {
            labels.put("__meta_eureka_app_instance_metadata_management_port", managementPort);
        }
        return labels;
    }

    /**
     * A job's relabel_configs applied to a target's labels as Prometheus applies them (the actions these files
     * use), then Prometheus' defaults: instance from __address__, job from job_name, meta labels dropped. Null if
     * the target is dropped.
     */
    private static Map<String, String> relabel(Map<String, Object> job, Map<String, String> target) {
        Map<String, String> labels = new HashMap<>(target);
        for (Map<String, Object> rule : list(job.get("relabel_configs"))) {
            List<Object> sources = Repository.listOf(rule.getOrDefault("source_labels", List.of()));
            String value = sources.stream().map(l -> labels.getOrDefault(String.valueOf(l), "")).collect(Collectors.joining(";"));
            Matcher match = Pattern.compile(String.valueOf(rule.getOrDefault("regex", "(.*)"))).matcher(value);
            String action = String.valueOf(rule.getOrDefault("action", "replace"));
            switch (action) {
                case "keep":
                    if (!match.matches()) {
                        return null;
                    }
                    break;
                case "drop":
                    if (match.matches()) {
                        return null;
                    }
                    break;
                case "lowercase":
                    labels.put(String.valueOf(rule.get("target_label")), value.toLowerCase(java.util.Locale.ROOT));
                    break;
                case "replace":
                    if (match.matches()) {
                        String replacement = String.valueOf(rule.getOrDefault("replacement", "$1")).replaceAll("\\$\\{(\\d+)}", "\\$$1");
                        labels.put(String.valueOf(rule.get("target_label")), expand(match, replacement));
                    }
                    break;
                default:
                    throw new AssertionError("relabel action the test does not know: " + action);
            }
        }
        labels.putIfAbsent("instance", labels.get("__address__"));
        labels.put("job", String.valueOf(job.get("job_name")));
        labels.keySet().removeIf(name -> name.startsWith("__"));
        return labels;
    }

    /** A replacement with $1 ... $9 (Prometheus' ${1} written as $1), a group that did not take part counting as "". */
    private static String expand(Matcher match, String replacement) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '$' && i + 1 < replacement.length() && Character.isDigit(replacement.charAt(i + 1))) {
                String group = match.group(replacement.charAt(++i) - '0');
                out.append(group == null ? "" : group);
            } else {
                out.append(c);
            }
        }
        return out.toString();
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
