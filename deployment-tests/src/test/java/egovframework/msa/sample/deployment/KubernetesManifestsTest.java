package egovframework.msa.sample.deployment;

import com.sun.net.httpserver.HttpServer;
import egovframework.msa.sample.launcher.Topology;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static egovframework.msa.sample.deployment.Repository.list;
import static egovframework.msa.sample.deployment.Repository.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders every overlay with {@code kubectl kustomize} and checks each object against the services'
 * own configuration: ports, probe paths and environment variables must be ones the applications
 * really bind, expose and read in the k8s profile.
 */
class KubernetesManifestsTest {

    private static final List<String> PROBES = List.of("startupProbe", "livenessProbe", "readinessProbe");
    private static final List<String> REQUEST_PATH = List.of("zuul-gateway", "catalogs-service", "customer-service");
    private static List<RenderedOverlay> overlays;

    @BeforeAll
    static void render() throws IOException, InterruptedException {
        overlays = RenderedOverlay.all();
    }

    @TestFactory
    Stream<DynamicTest> everyServiceMatchesItsApplication() {
        return overlays.stream().flatMap(overlay -> Repository.serviceNames().stream().map(service ->
                DynamicTest.dynamicTest(overlay.name() + ": " + service, () -> checkService(overlay, service))));
    }

    private static void checkService(RenderedOverlay overlay, String service) {
        Map<String, Object> deployment = overlay.get("Deployment", service);
        Map<String, Object> container = RenderedOverlay.container(deployment);
        Map<String, String> env = new HashMap<>(Repository.imageEnvironment());
        env.putAll(overlay.environment(container));
        String profile = env.getOrDefault("SPRING_PROFILES_ACTIVE", "default");
        assertThat(profile).as("profile").isEqualTo("k8s");
        ServiceConfig config = ServiceConfig.of(service, profile, env);

        int containerPort = namedPort(container, "http");
        assertThat(containerPort).as("containerPort of " + service).isEqualTo(config.port());
        assertThat(namedPort(container, "management")).as("management port of " + service)
                .isEqualTo(config.managementPort()).isNotEqualTo(config.port());
        Map<String, Object> servicePort = list(map(overlay.get("Service", service).get("spec")).get("ports")).get(0);
        assertThat(servicePort.get("targetPort")).isEqualTo("http");
        assertThat(servicePort.get("port")).as("Service port").isEqualTo(config.port());

        for (String probe : PROBES) {
            Map<String, Object> httpGet = map(map(container.get(probe)).get("httpGet"));
            assertThat(httpGet).as(probe + " of " + service).isNotEmpty();
            assertThat(config.exposedPaths()).as(probe + " path").contains((String) httpGet.get("path"));
            assertThat(httpGet.get("port")).as("probes use the management port").isEqualTo("management");
        }
        assertThat(config.variablesRead()).as("variables " + service + " reads").containsAll(
                overlay.environment(container).keySet());
        assertThat(config.unresolvedPlaceholders()).as("unresolved placeholders in the k8s profile").isEmpty();

        String image = (String) container.get("image");
        assertThat(image.substring(0, image.lastIndexOf(':'))).as("image").endsWith("/" + service);

        Map<String, Object> resources = map(container.get("resources"));
        assertThat(map(resources.get("requests"))).containsKeys("cpu", "memory");
        assertThat(map(resources.get("limits"))).containsKeys("cpu", "memory");
        assertThat(map(RenderedOverlay.podSpec(deployment).get("securityContext")).get("runAsNonRoot")).isEqualTo(true);
        Map<String, Object> securityContext = map(container.get("securityContext"));
        assertThat(securityContext.get("allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(securityContext.get("readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(map(map(container.get("lifecycle")).get("preStop"))).as("preStop").isNotEmpty();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat((Integer) map(container.get(probe)).get("timeoutSeconds")).as(probe + " timeout").isGreaterThanOrEqualTo(3);
        }
        // Least privilege: the config server and Eureka hold every login of theirs; each other service
        // gets only its own two passwords, by key, from those Secrets.
        if (service.equals("config-server") || service.equals("eureka-server")) {
            String logins = service.equals("config-server") ? "config-logins" : "eureka-logins";
            assertThat(list(container.get("envFrom"))).as("logins from the Secret, required")
                    .anySatisfy(ref -> assertThat(map(ref.get("secretRef"))).containsEntry("name", logins)
                            .doesNotContainKey("optional"));
        }
        if (!service.equals("config-server")) {
            assertThat(list(container.get("env"))).as("its own config-server login")
                    .anySatisfy(variable -> assertThat(variable.get("name")).isEqualTo("CONFIG_SERVER_PASSWORD"));
            assertThat(list(container.get("envFrom"))).as("no Secret with other services' logins")
                    .noneMatch(ref -> ref.get("secretRef") != null
                            && List.of("config-logins", "suite-credentials").contains(map(ref.get("secretRef")).get("name")));
        }
        assertThat((Integer) RenderedOverlay.podSpec(deployment).get("terminationGracePeriodSeconds")).isGreaterThan(30);
    }

    /**
     * dev seeds the config server's repository from config-repo/ (a ConfigMap generated from it, exactly);
     * prod serves only its own repository (CONFIG_GIT_URI, required) and can seed from nothing: neither the
     * ConfigMap nor the image's copy of config-repo/, which hold development values.
     */
    @Test
    void devServesExactlyWhatConfigRepoHoldsAndProdOnlyItsOwnRepository() throws IOException {
        Path repo = ServiceConfig.root().resolve("config-repo");
        Map<String, String> files = new HashMap<>();
        try (Stream<Path> paths = Files.list(repo)) {
            for (Path file : paths.collect(Collectors.toList())) {
                if (!file.getFileName().toString().equals("kustomization.yaml")) {
                    files.put(file.getFileName().toString(), Files.readString(file));
                }
            }
        }
        for (RenderedOverlay overlay : overlays) {
            Map<String, Object> deployment = overlay.get("Deployment", "config-server");
            Map<String, Object> container = RenderedOverlay.container(deployment);
            List<Map<String, Object>> configMapVolumes = list(RenderedOverlay.podSpec(deployment).get("volumes")).stream()
                    .filter(v -> v.containsKey("configMap")).collect(Collectors.toList());
            if (overlay.name().equals("prod")) {
                assertThat(configMapVolumes).as("prod: no config-repo ConfigMap mounted").isEmpty();
                assertThat(overlay.ofKind("ConfigMap")).as("prod ships no copy of config-repo/")
                        .noneSatisfy(c -> assertThat(map(c.get("data"))).containsKey("application.yml"));
                Map<String, Object> uri = list(container.get("env")).stream()
                        .filter(v -> "CONFIG_GIT_URI".equals(v.get("name"))).findFirst()
                        .orElseThrow(() -> new AssertionError("prod config-server: no CONFIG_GIT_URI"));
                assertThat(map(map(uri.get("valueFrom")).get("secretKeyRef"))).as("CONFIG_GIT_URI from the Secret, required")
                        .containsEntry("name", "config-git").containsEntry("key", "CONFIG_GIT_URI")
                        .doesNotContainEntry("optional", true);
                assertThat(list(container.get("envFrom"))).as("the config-git Secret, required")
                        .anySatisfy(ref -> assertThat(map(ref.get("secretRef"))).containsEntry("name", "config-git")
                                .containsEntry("optional", false));
                List<Object> mounted = list(container.get("volumeMounts")).stream().map(m -> m.get("mountPath"))
                        .collect(Collectors.toList());
                String seedDir = overlay.environment(container).get("CONFIG_REPO_DIR");
                assertThat(seedDir).as("CONFIG_REPO_DIR: a blank CONFIG_GIT_URI must not seed from the image's copy")
                        .isNotNull().isNotEqualTo(Repository.imageEnvironment().get("CONFIG_REPO_DIR"))
                        .satisfies(dir -> assertThat(mounted).noneSatisfy(m -> assertThat(dir).startsWith(m.toString())));
            } else {
                assertThat(configMapVolumes).hasSize(1);
                Map<String, Object> volume = configMapVolumes.get(0);
                Map<String, Object> configMap = overlay.get("ConfigMap", (String) map(volume.get("configMap")).get("name"));
                assertThat(map(configMap.get("data"))).as(overlay.name()).isEqualTo(files);
                String mountPath = list(container.get("volumeMounts")).stream()
                        .filter(m -> volume.get("name").equals(m.get("name"))).findFirst().orElseThrow().get("mountPath").toString();
                assertThat(overlay.environment(container)).containsEntry("CONFIG_REPO_DIR", mountPath);
            }
        }
    }

    @Test
    void gatewayIsTheOnlyPublicEntranceAndTheRequestPathScales() {
        for (RenderedOverlay overlay : overlays) {
            assertThat(overlay.ofKind("Ingress")).hasSize(1);
            Map<String, Object> backend = map(map(list(map(list(map(overlay.ofKind("Ingress").get(0).get("spec"))
                    .get("rules")).get(0).get("http")).get("paths")).get(0).get("backend")).get("service"));
            assertThat(backend.get("name")).isEqualTo("zuul-gateway");
            assertThat(map(overlay.ofKind("Ingress").get(0).get("spec")).get("ingressClassName")).as("ingress class")
                    .isEqualTo("nginx");
            List<Object> scaled = overlay.ofKind("HorizontalPodAutoscaler").stream()
                    .map(h -> map(map(h.get("spec")).get("scaleTargetRef")).get("name")).collect(java.util.stream.Collectors.toList());
            // customer-service scales only where it keeps customers in a shared database (prod, PostgreSQL).
            List<String> expected = overlay.name().equals("prod") ? REQUEST_PATH
                    : List.of("zuul-gateway", "catalogs-service");
            assertThat(scaled).containsExactlyInAnyOrderElementsOf(expected);
            for (Object name : scaled) {
                assertThat(map(overlay.get("Deployment", (String) name).get("spec"))).as(name + ": the autoscaler owns replicas")
                        .doesNotContainKey("replicas");
            }
            Map<String, Object> budget = map(overlay.get("PodDisruptionBudget", "zuul-gateway").get("spec"));
            assertThat(budget).as("a budget that lets a single gateway be drained").doesNotContainKey("minAvailable")
                    .containsEntry("maxUnavailable", 1);
        }
    }

    /**
     * The gateway names its Ingress host as its public URL (https where the Ingress has TLS for it), and trusts
     * the forwarded chain only from a range each overlay sets: a CIDR, never every address.
     */
    @Test
    void theGatewaysPublicUrlIsItsIngressHostAndItTrustsOnlyAProxyRange() {
        Pattern cidr = Pattern.compile("(\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F:]+:[0-9a-fA-F:]*)/(\\d{1,3})");
        for (RenderedOverlay overlay : overlays) {
            Map<String, Object> ingress = map(overlay.ofKind("Ingress").get(0).get("spec"));
            String host = (String) list(ingress.get("rules")).get(0).get("host");
            boolean tls = list(ingress.get("tls")).stream().anyMatch(entry -> Repository.listOf(entry.get("hosts")).contains(host));
            Map<String, String> env = overlay.environment(RenderedOverlay.container(overlay.get("Deployment", "zuul-gateway")));
            assertThat(env).as(overlay.name() + ": the gateway's public URL")
                    .containsEntry("GATEWAY_PUBLIC_URL", (tls ? "https://" : "http://") + host);
            String trusted = env.getOrDefault("TRUSTED_PROXIES", "");
            assertThat(trusted).as(overlay.name() + ": TRUSTED_PROXIES").isNotBlank();
            for (String range : trusted.split(",")) {
                Matcher matcher = cidr.matcher(range.strip());
                assertThat(matcher.matches()).as(overlay.name() + ": '" + range + "' is a CIDR").isTrue();
                assertThat(Integer.parseInt(matcher.group(3))).as(overlay.name() + ": '" + range + "' trusts a range, not everyone")
                        .isPositive();
            }
            for (String other : Repository.serviceNames()) {
                if (!other.equals("zuul-gateway")) {
                    assertThat(overlay.environment(RenderedOverlay.container(overlay.get("Deployment", other))))
                            .as(overlay.name() + ": " + other + " is no edge").doesNotContainKeys("GATEWAY_PUBLIC_URL", "TRUSTED_PROXIES");
                }
            }
        }
    }

    @Test
    void onlyTheGatewayAndCatalogsReachTheBusinessServicesAndOnlyTheDashboardTheirStreams() {
        for (RenderedOverlay overlay : overlays) {
            Map<String, Object> denyAll = map(overlay.get("NetworkPolicy", "default-deny-ingress").get("spec"));
            assertThat(map(denyAll.get("podSelector"))).isEmpty();
            assertThat(denyAll.get("ingress")).isNull();
            assertThat(callers(overlay, "catalogs-service", "http")).containsExactly("zuul-gateway");
            assertThat(callers(overlay, "customer-service", "http")).containsExactlyInAnyOrder("zuul-gateway", "catalogs-service");
            assertThat(callers(overlay, "catalogs-service", "management")).containsExactly("turbine-dashboard");
            assertThat(callers(overlay, "customer-service", "management")).isEmpty();
        }
    }

    /**
     * Factor XII: one Job per service that owns a database, in the service's own image (the overlay's tag) with
     * the argument "migrate", the k8s profile and that service's database Secret and no other, hardened like the
     * Deployments, bounded in retries and time, and let through to dev's PostgreSQL; the services themselves
     * only check their schema in the k8s profile.
     */
    @Test
    void eachDatabaseIsMigratedByAOneOffJobOfItsServicesImage() {
        Map<String, String> databases = Map.of("customer-service", "customer-db", "catalogs-service", "catalogs-db");
        for (RenderedOverlay overlay : overlays) {
            assertThat(overlay.ofKind("Job")).extracting(o -> map(o.get("metadata")).get("name"))
                    .containsExactlyInAnyOrder("schema-migrate-customer", "schema-migrate-catalogs");
            databases.forEach((service, secret) -> {
                String name = "schema-migrate-" + service.replace("-service", "");
                String what = overlay.name() + " " + name;
                Map<String, Object> job = overlay.get("Job", name);
                Map<String, Object> spec = map(job.get("spec"));
                Map<String, Object> pod = RenderedOverlay.podSpec(job);
                Map<String, Object> container = RenderedOverlay.container(job);
                Map<String, Object> app = RenderedOverlay.container(overlay.get("Deployment", service));

                assertThat(container.get("image")).as(what + ": the service's image").isEqualTo(app.get("image"));
                assertThat(Repository.listOf(container.get("args"))).as(what).containsExactly("migrate");
                assertThat(container).as(what + ": the image's entrypoint").doesNotContainKey("command");
                assertThat(pod.get("restartPolicy")).isEqualTo("Never");
                assertThat((Integer) spec.get("backoffLimit")).as(what + " retries").isBetween(1, 10);
                assertThat((Integer) spec.get("activeDeadlineSeconds")).as(what + " deadline").isPositive();
                assertThat((Integer) spec.get("ttlSecondsAfterFinished")).as(what + ": removed once done").isPositive();
                assertThat(map(map(map(spec.get("template")).get("metadata")).get("labels")))
                        .containsEntry("app.kubernetes.io/component", "schema-migrate")
                        .as(what + ": not behind the service's Service").doesNotContainEntry("app.kubernetes.io/name", service);

                Map<String, String> env = new HashMap<>(Repository.imageEnvironment());
                env.putAll(overlay.environment(container));
                assertThat(env).as(what).containsEntry("SPRING_PROFILES_ACTIVE", "k8s");
                assertThat(ServiceConfig.of(service, "k8s", env).property("suite.schema.migrate-on-start", Boolean.class, true))
                        .as(service + " only checks its schema in the k8s profile").isFalse();
                List<Object> secrets = list(container.get("envFrom")).stream().filter(ref -> ref.get("secretRef") != null)
                        .map(ref -> map(ref.get("secretRef")).get("name")).collect(Collectors.toList());
                assertThat(secrets).as(what + ": its database's migration login (DDL), nothing else").containsExactly(secret + "-migration");
                assertThat(list(container.get("env"))).as(what + ": no other Secret by key").isEmpty();
                // customer-service's Flyway locations: the same ConfigMap as its Deployment (it validates what was migrated).
                List<Object> configMaps = list(container.get("envFrom")).stream().filter(ref -> ref.get("configMapRef") != null)
                        .map(ref -> map(ref.get("configMapRef")).get("name")).collect(Collectors.toList());
                List<Object> appConfigMaps = list(app.get("envFrom")).stream().filter(ref -> ref.get("configMapRef") != null)
                        .map(ref -> map(ref.get("configMapRef")).get("name")).collect(Collectors.toList());
                assertThat(appConfigMaps).as(what + ": its ConfigMaps are the service's").containsAll(configMaps);
                String locations = overlay.environment(container).getOrDefault("CUSTOMER_DB_LOCATIONS", "");
                assertThat(locations).as(what + ": the same locations as " + service)
                        .isEqualTo(overlay.environment(app).getOrDefault("CUSTOMER_DB_LOCATIONS", ""));
                assertThat(locations.contains("db/seed")).as(what + ": the sample customers only in dev")
                        .isEqualTo(overlay.name().equals("dev") && service.equals("customer-service"));

                assertThat(pod.get("automountServiceAccountToken")).isEqualTo(false);
                assertThat(map(pod.get("securityContext"))).containsEntry("runAsNonRoot", true).containsKey("seccompProfile");
                assertThat(map(container.get("securityContext"))).containsEntry("allowPrivilegeEscalation", false)
                        .containsEntry("readOnlyRootFilesystem", true);
                assertThat(Repository.listOf(map(map(container.get("securityContext")).get("capabilities")).get("drop"))).containsExactly("ALL");
                Map<String, Object> resources = map(container.get("resources"));
                assertThat(map(resources.get("requests"))).containsKeys("cpu", "memory");
                assertThat(map(resources.get("limits")).get("memory")).as(what + " memory request = limit")
                        .isEqualTo(map(resources.get("requests")).get("memory"));
                assertThat(list(container.get("volumeMounts")))
                        .anySatisfy(m -> assertThat(m).containsEntry("name", "tmp").containsEntry("mountPath", "/tmp"));
            });
            if (overlay.find("NetworkPolicy", "postgres").isPresent()) {
                assertThat(callers(overlay, "postgres", "postgres")).as(overlay.name() + ": the migrations reach PostgreSQL")
                        .contains("component schema-migrate");
            }
        }
    }

    /**
     * 개인정보 접속기록: each service's access records are verified on the 1st of every month (제8조: at least
     * monthly) and pruned past a retention of at least a year, by CronJobs of the service's own image with the
     * arguments "access-records verify" / "prune", the k8s profile and that service's database Secret (prune the
     * one its schema migration uses) and no other, hardened like the Jobs, one run at a time; their pods reach
     * PostgreSQL (dev) and, outbound, only its port and DNS.
     */
    @Test
    void accessRecordsAreVerifiedMonthlyAndPrunedByCronJobsOfTheServicesImages() {
        Map<String, String> databases = Map.of("customer-service", "customer-db", "catalogs-service", "catalogs-db");
        for (RenderedOverlay overlay : overlays) {
            assertThat(overlay.ofKind("CronJob")).extracting(o -> map(o.get("metadata")).get("name")).containsExactlyInAnyOrder(
                    "access-records-verify-customer", "access-records-verify-catalogs",
                    "access-records-prune-customer", "access-records-prune-catalogs");
            databases.forEach((service, secret) -> {
                String app = service.replace("-service", "");
                Map<String, Object> migration = RenderedOverlay.container(overlay.get("Job", "schema-migrate-" + app));
                for (String action : List.of("verify", "prune")) {
                    String name = "access-records-" + action + "-" + app;
                    String what = overlay.name() + " " + name;
                    Map<String, Object> cronJob = overlay.get("CronJob", name);
                    Map<String, Object> spec = map(cronJob.get("spec"));
                    Map<String, Object> pod = RenderedOverlay.podSpec(cronJob);
                    Map<String, Object> container = RenderedOverlay.container(cronJob);

                    String[] schedule = ((String) spec.get("schedule")).split(" ");
                    assertThat(schedule).as(what + ": monthly, on a fixed day").hasSize(5);
                    assertThat(schedule[2]).as(what + " day of month").matches("[1-9]|1[0-9]|2[0-8]");
                    assertThat(schedule[3]).as(what + " every month").isEqualTo("*");
                    assertThat(schedule[4]).as(what + " any weekday").isEqualTo("*");
                    assertThat(spec.get("concurrencyPolicy")).isEqualTo("Forbid");
                    assertThat((Integer) spec.get("failedJobsHistoryLimit")).as(what + ": a failed check stays to be seen").isPositive();
                    Map<String, Object> job = map(map(spec.get("jobTemplate")).get("spec"));
                    assertThat((Integer) job.get("backoffLimit")).as(what + " retries").isBetween(0, 10);
                    assertThat((Integer) job.get("activeDeadlineSeconds")).as(what + " deadline").isPositive();

                    assertThat(container.get("image")).as(what + ": the service's image")
                            .isEqualTo(RenderedOverlay.container(overlay.get("Deployment", service)).get("image"));
                    assertThat(Repository.listOf(container.get("args"))).as(what).containsExactly("access-records", action);
                    assertThat(container).as(what + ": the image's entrypoint").doesNotContainKey("command");
                    Map<String, String> env = new HashMap<>(Repository.imageEnvironment());
                    env.putAll(overlay.environment(container));
                    assertThat(env).as(what).containsEntry("SPRING_PROFILES_ACTIVE", "k8s");
                    List<Object> secrets = list(container.get("envFrom")).stream().filter(ref -> ref.get("secretRef") != null)
                            .map(ref -> map(ref.get("secretRef")).get("name")).collect(Collectors.toList());
                    List<Object> migrationSecrets = list(migration.get("envFrom")).stream().filter(ref -> ref.get("secretRef") != null)
                            .map(ref -> map(ref.get("secretRef")).get("name")).collect(Collectors.toList());
                    assertThat(secrets).as(what + ": its database login, nothing else")
                            .containsExactlyElementsOf(action.equals("prune") ? migrationSecrets : List.of(secret));
                    if (action.equals("prune")) {
                        String retention = env.get("ACCESS_RECORDS_RETENTION");
                        assertThat(retention).as(what + ": retention in days").matches("[0-9]+d");
                        assertThat(Integer.parseInt(retention.replace("d", ""))).as(what + ": kept at least a year").isGreaterThanOrEqualTo(365);
                    }

                    assertThat(pod.get("restartPolicy")).isEqualTo("Never");
                    assertThat(pod.get("automountServiceAccountToken")).isEqualTo(false);
                    assertThat(map(pod.get("securityContext"))).containsEntry("runAsNonRoot", true).containsKey("seccompProfile");
                    assertThat(map(container.get("securityContext"))).containsEntry("allowPrivilegeEscalation", false)
                            .containsEntry("readOnlyRootFilesystem", true);
                    assertThat(Repository.listOf(map(map(container.get("securityContext")).get("capabilities")).get("drop")))
                            .containsExactly("ALL");
                    Map<String, Object> resources = map(container.get("resources"));
                    assertThat(map(resources.get("limits")).get("memory")).as(what + " memory request = limit")
                            .isEqualTo(map(resources.get("requests")).get("memory"));
                    assertThat(list(container.get("volumeMounts")))
                            .anySatisfy(m -> assertThat(m).containsEntry("name", "tmp").containsEntry("mountPath", "/tmp"));
                    assertThat(map(map(map(map(job.get("template")).get("metadata")).get("labels"))))
                            .containsEntry("app.kubernetes.io/component", "access-records");
                }
            });
            Map<String, Object> egress = map(overlay.get("NetworkPolicy", "access-records-egress").get("spec"));
            assertThat(map(map(egress.get("podSelector")).get("matchLabels"))).containsEntry("app.kubernetes.io/component", "access-records");
            assertThat(Repository.listOf(egress.get("policyTypes"))).containsExactly("Egress");
            List<Object> ports = new ArrayList<>();
            list(egress.get("egress")).forEach(rule -> list(rule.get("ports")).forEach(p -> ports.add(p.get("port"))));
            assertThat(ports).as(overlay.name() + ": PostgreSQL and DNS only").containsOnly(5432, 53);
            if (overlay.find("NetworkPolicy", "postgres").isPresent()) {
                assertThat(callers(overlay, "postgres", "postgres")).as(overlay.name() + ": the CronJobs reach PostgreSQL")
                        .contains("component access-records");
            }
        }
    }

    /** The Deployments of the suite's own services (JVMs), not those of dev's Prometheus and Grafana. */
    private static List<Map<String, Object>> javaServices(RenderedOverlay overlay) {
        return overlay.ofKind("Deployment").stream()
                .filter(d -> Repository.serviceNames().contains(String.valueOf(map(d.get("metadata")).get("name"))))
                .collect(Collectors.toList());
    }

    /** Names of the pods a service's NetworkPolicy lets in on one named port. */
    private static List<Object> callers(RenderedOverlay overlay, String service, String port) {
        List<Object> names = new ArrayList<>();
        for (Map<String, Object> rule : list(map(overlay.get("NetworkPolicy", service).get("spec")).get("ingress"))) {
            boolean onPort = list(rule.get("ports")).stream().anyMatch(p -> port.equals(p.get("port")));
            if (onPort) {
                assertThat(rule.get("from")).as(service + " " + port + " open to everyone").isNotNull();
                list(rule.get("from")).forEach(from -> {
                    Map<String, Object> labels = map(map(from.get("podSelector")).get("matchLabels"));
                    // A group of pods by role (the schema migrations' Jobs) rather than by name.
                    names.add(labels.containsKey("app.kubernetes.io/name") ? labels.get("app.kubernetes.io/name")
                            : "component " + labels.get("app.kubernetes.io/component"));
                });
            }
        }
        return names;
    }

    /**
     * Two database logins per database: the migration login (Secrets *-db-migration: DDL) only in the one-offs that
     * need it (the schema Jobs and the access records' prune CronJobs) and in dev's PostgreSQL, which creates it;
     * every Deployment gets the DML-only service login, never the migration one, by Secret or by key.
     */
    @Test
    void theMigrationLoginReachesOnlyTheSchemaJobsAndThePrune() {
        for (RenderedOverlay overlay : overlays) {
            List<Map<String, Object>> workloads = new ArrayList<>(overlay.ofKind("Deployment"));
            workloads.addAll(overlay.ofKind("StatefulSet"));
            workloads.addAll(overlay.ofKind("Job"));
            workloads.addAll(overlay.ofKind("CronJob"));
            for (Map<String, Object> workload : workloads) {
                String name = (String) map(workload.get("metadata")).get("name");
                boolean oneOff = name.startsWith("schema-migrate-") || name.startsWith("access-records-prune-");
                List<Map<String, Object>> containers = new ArrayList<>(list(RenderedOverlay.podSpec(workload).get("containers")));
                containers.addAll(list(RenderedOverlay.podSpec(workload).get("initContainers")));
                Set<String> secrets = new HashSet<>();
                for (Map<String, Object> container : containers) {
                    list(container.get("envFrom")).stream().filter(ref -> ref.get("secretRef") != null)
                            .forEach(ref -> secrets.add((String) map(ref.get("secretRef")).get("name")));
                    list(container.get("env")).stream().filter(v -> v.get("valueFrom") != null)
                            .map(v -> map(v.get("valueFrom")).get("secretKeyRef")).filter(java.util.Objects::nonNull)
                            .forEach(ref -> secrets.add((String) map(ref).get("name")));
                }
                Set<String> migrationLogins = secrets.stream().filter(secret -> secret.endsWith("-db-migration")).collect(Collectors.toSet());
                if (oneOff) {
                    assertThat(migrationLogins).as(overlay.name() + " " + name + ": the migration login").hasSize(1);
                    assertThat(secrets).as(overlay.name() + " " + name + ": not the service login").noneMatch(secret -> secret.endsWith("-db"));
                } else if (name.equals("postgres")) {
                    assertThat(migrationLogins).as(overlay.name() + ": PostgreSQL creates both logins")
                            .containsExactlyInAnyOrder("customer-db-migration", "catalogs-db-migration");
                } else {
                    assertThat(migrationLogins).as(overlay.name() + " " + name + ": never the migration login").isEmpty();
                }
            }
        }
    }

    @Test
    void prodRunsTwoOfEveryServiceOnTheRequestPath() {
        RenderedOverlay prod = overlays.stream().filter(o -> o.name().equals("prod")).findFirst().orElseThrow();
        for (String service : REQUEST_PATH) {
            assertThat(map(prod.get("HorizontalPodAutoscaler", service).get("spec")).get("minReplicas")).as(service).isEqualTo(2);
        }
        Map<String, Object> customerDb = list(RenderedOverlay.container(prod.get("Deployment", "customer-service"))
                .get("envFrom")).stream().filter(r -> "customer-db".equals(map(r.get("secretRef")).get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("prod customer-service has no customer-db Secret"));
        assertThat(map(customerDb.get("secretRef"))).as("prod needs a real database").doesNotContainEntry("optional", true);
    }

    /** The Secrets that name each store user's database and broker: the same in dev and prod, all required. */
    private static final Map<String, List<String>> STORE_SECRETS = Map.of(
            "customer-service", List.of("customer-db", "rabbitmq", "rabbitmq-customer"),
            "catalogs-service", List.of("catalogs-db", "rabbitmq", "rabbitmq-catalogs"));

    /** The broker's Secrets a workload may read: its events login (customer, catalogs), the bus's for all. */
    private static final Map<String, String> EVENTS_LOGINS = Map.of("customer-service", "rabbitmq-customer",
            "catalogs-service", "rabbitmq-catalogs");

    /**
     * One broker login per purpose: every service reads the bus's (Secret rabbitmq), customer-service and
     * catalogs their own events login besides, catalogs customer-service's user name only (whose events it
     * applies), no workload the administrator's; dev's RabbitMQ runs compose's users script (ConfigMap of the
     * same file) with the administrator as its default user and the three logins from their Secrets.
     */
    @Test
    void everyServiceHoldsOnlyItsOwnBrokerLoginsAndDevsRabbitMqMakesThem() {
        for (RenderedOverlay overlay : overlays) {
            List<Map<String, Object>> workloads = new ArrayList<>(overlay.ofKind("Deployment"));
            workloads.addAll(overlay.ofKind("Job"));
            workloads.addAll(overlay.ofKind("CronJob"));
            for (Map<String, Object> workload : workloads) {
                String name = (String) map(workload.get("metadata")).get("name");
                Map<String, Object> container = RenderedOverlay.container(workload);
                Set<String> secrets = new HashSet<>();
                list(container.get("envFrom")).stream().filter(ref -> ref.get("secretRef") != null)
                        .forEach(ref -> secrets.add((String) map(ref.get("secretRef")).get("name")));
                Map<String, String> keys = new HashMap<>();
                for (Map<String, Object> variable : list(container.get("env"))) {
                    Map<String, Object> from = variable.get("valueFrom") == null ? Map.of() : map(variable.get("valueFrom"));
                    if (from.get("secretKeyRef") != null) {
                        Map<String, Object> key = map(from.get("secretKeyRef"));
                        keys.put((String) variable.get("name"), key.get("name") + "/" + key.get("key"));
                    }
                }
                String what = overlay.name() + " " + name;
                assertThat(secrets).as(what + ": never the broker's administrator").doesNotContain("rabbitmq-admin");
                assertThat(keys.values()).as(what).noneMatch(key -> key.startsWith("rabbitmq-admin/"));
                for (String events : EVENTS_LOGINS.values()) {
                    assertThat(secrets.contains(events)).as(what + " reads " + events).isEqualTo(events.equals(EVENTS_LOGINS.get(name)));
                }
                Map<String, String> othersKeys = new HashMap<>(keys);
                if (name.equals("catalogs-service")) {
                    assertThat(othersKeys.remove("CUSTOMER_EVENTS_PUBLISHER")).isEqualTo("rabbitmq-customer/RABBITMQ_USERNAME");
                }
                assertThat(othersKeys.values()).as(what + ": no other login's key").noneMatch(key -> key.startsWith("rabbitmq"));
                if (Repository.serviceNames().contains(name)) {
                    assertThat(secrets).as(what + ": the bus's login and the address").contains("rabbitmq");
                }
            }
            if (overlay.name().equals("prod")) {
                continue;
            }
            Map<String, Object> broker = RenderedOverlay.container(overlay.get("StatefulSet", "rabbitmq"));
            assertThat(Repository.<Object>listOf(broker.get("command"))).containsExactly("bash", "/opt/suite/suite-users.sh");
            Map<String, String> keys = new HashMap<>();
            for (Map<String, Object> variable : list(broker.get("env"))) {
                Map<String, Object> key = map(map(map(variable.get("valueFrom")).get("secretKeyRef")));
                keys.put((String) variable.get("name"), key.get("name") + "/" + key.get("key"));
            }
            assertThat(keys).containsEntry("RABBITMQ_DEFAULT_USER", "rabbitmq-admin/RABBITMQ_ADMIN_USERNAME")
                    .containsEntry("RABBITMQ_DEFAULT_PASS", "rabbitmq-admin/RABBITMQ_ADMIN_PASSWORD")
                    .containsEntry("RABBITMQ_CUSTOMER_USERNAME", "rabbitmq-customer/RABBITMQ_USERNAME")
                    .containsEntry("RABBITMQ_CUSTOMER_PASSWORD", "rabbitmq-customer/RABBITMQ_PASSWORD")
                    .containsEntry("RABBITMQ_CATALOGS_USERNAME", "rabbitmq-catalogs/RABBITMQ_USERNAME")
                    .containsEntry("RABBITMQ_CATALOGS_PASSWORD", "rabbitmq-catalogs/RABBITMQ_PASSWORD")
                    .containsEntry("RABBITMQ_BUS_USERNAME", "rabbitmq/RABBITMQ_BUS_USERNAME")
                    .containsEntry("RABBITMQ_BUS_PASSWORD", "rabbitmq/RABBITMQ_BUS_PASSWORD");
            String configMap = list(RenderedOverlay.podSpec(overlay.get("StatefulSet", "rabbitmq")).get("volumes")).stream()
                    .filter(v -> v.get("configMap") != null).map(v -> (String) map(v.get("configMap")).get("name"))
                    .findFirst().orElseThrow();
            assertThat(map(overlay.get("ConfigMap", configMap).get("data")).get("suite-users.sh"))
                    .as("the script compose runs").isEqualTo(Repository.read("docker/rabbitmq/suite-users.sh"));
            assertThat(String.valueOf(map(map(broker.get("readinessProbe")).get("exec")).get("command")))
                    .as("ready once the users exist").contains("suite-users.ready");
        }
    }
    private static final Map<String, String> STORE_IMAGES = Map.of("rabbitmq", "rabbitmq:4.1", "postgres", "postgres:17");

    /**
     * Stores: dev runs PostgreSQL and RabbitMQ in the cluster, as StatefulSets of the official images (the
     * tags compose uses) with a volume each, probes, resources and a restrictive security context, reached
     * only by customer and catalogs; prod runs none and takes the managed services from required Secrets.
     */
    @Test
    void devRunsTheStoresAsStatefulSetsAndProdUsesManagedOnes() {
        for (RenderedOverlay overlay : overlays) {
            for (Map.Entry<String, List<String>> user : STORE_SECRETS.entrySet()) {
                List<Object> secrets = list(RenderedOverlay.container(overlay.get("Deployment", user.getKey())).get("envFrom")).stream()
                        .filter(ref -> ref.get("secretRef") != null).map(ref -> map(ref.get("secretRef")))
                        .filter(ref -> !Boolean.TRUE.equals(ref.get("optional"))).map(ref -> ref.get("name")).collect(Collectors.toList());
                assertThat(secrets).as(overlay.name() + " " + user.getKey() + ": its stores from required Secrets")
                        .containsAll(user.getValue());
            }
            if (overlay.name().equals("prod")) {
                assertThat(overlay.ofKind("StatefulSet")).as("prod: managed stores, none in the cluster").isEmpty();
                assertThat(overlay.find("Service", "postgres")).isEmpty();
                assertThat(overlay.find("Service", "rabbitmq")).isEmpty();
                continue;
            }
            assertThat(overlay.ofKind("StatefulSet")).extracting(o -> map(o.get("metadata")).get("name"))
                    .containsExactlyInAnyOrder("postgres", "rabbitmq");
            for (Map<String, Object> statefulSet : overlay.ofKind("StatefulSet")) {
                String name = (String) map(statefulSet.get("metadata")).get("name");
                String what = overlay.name() + " " + name;
                Map<String, Object> spec = map(statefulSet.get("spec"));
                Map<String, Object> pod = RenderedOverlay.podSpec(statefulSet);
                Map<String, Object> container = RenderedOverlay.container(statefulSet);
                assertThat(container.get("image")).as(what + ": the official image compose runs").isEqualTo(STORE_IMAGES.get(name));
                for (String probe : PROBES) {
                    Map<String, Object> check = map(container.get(probe));
                    assertThat(map(check.get("exec"))).as(what + " " + probe).containsKey("command");
                    assertThat((Integer) check.get("timeoutSeconds")).as(what + " " + probe + " timeout").isGreaterThanOrEqualTo(3);
                }
                Map<String, Object> resources = map(container.get("resources"));
                assertThat(map(resources.get("requests"))).as(what).containsKeys("cpu", "memory");
                assertThat(map(resources.get("limits"))).as(what).containsKeys("cpu", "memory");
                assertThat(map(resources.get("requests")).get("memory")).as(what + " memory request = limit")
                        .isEqualTo(map(resources.get("limits")).get("memory"));
                List<Map<String, Object>> claims = list(spec.get("volumeClaimTemplates"));
                assertThat(claims).as(what + ": a volume of its own").hasSize(1);
                String claim = (String) map(claims.get(0).get("metadata")).get("name");
                assertThat(list(container.get("volumeMounts"))).as(what + ": its data on the volume")
                        .anySatisfy(m -> assertThat(m.get("name")).isEqualTo(claim));
                assertThat(spec.get("serviceName")).isEqualTo(name);
                Map<String, Object> podSecurity = map(pod.get("securityContext"));
                assertThat(podSecurity).as(what).containsEntry("runAsNonRoot", true).containsKey("runAsUser").containsKey("fsGroup");
                assertThat(pod.get("automountServiceAccountToken")).isEqualTo(false);
                Map<String, Object> securityContext = map(container.get("securityContext"));
                assertThat(securityContext).as(what).containsEntry("allowPrivilegeEscalation", false)
                        .containsEntry("readOnlyRootFilesystem", true);
                assertThat(Repository.<Object>listOf(map(securityContext.get("capabilities")).get("drop"))).contains("ALL");
                Map<String, Object> port = list(map(overlay.get("Service", name).get("spec")).get("ports")).get(0);
                assertThat(list(container.get("ports"))).anySatisfy(p -> assertThat(p.get("name")).isEqualTo(port.get("targetPort")));
                // The database: its two users and their schema migrations only; the broker: every service (Spring Cloud Bus).
                assertThat(callers(overlay, name, (String) port.get("targetPort"))).as(what + ": who reaches it")
                        .containsExactlyInAnyOrderElementsOf(name.equals("postgres")
                                ? List.of("customer-service", "catalogs-service", "component schema-migrate", "component access-records")
                                : Repository.serviceNames());
            }
            // The init script compose runs, from a ConfigMap.
            Map<String, Object> init = list(RenderedOverlay.podSpec(overlay.get("StatefulSet", "postgres")).get("volumes")).stream()
                    .filter(v -> v.containsKey("configMap")).findFirst().orElseThrow();
            Map<String, Object> configMap = overlay.get("ConfigMap", (String) map(init.get("configMap")).get("name"));
            assertThat(map(configMap.get("data"))).containsEntry("10-service-databases.sh",
                    Repository.read("docker/postgres-init/10-service-databases.sh"));
        }
    }

    /**
     * k8s/create-secrets.sh, run against a stand-in kubectl that records its calls: it creates the namespace
     * first, then every Secret (and every key) the rendered overlays require, each value random. Only the
     * Secrets that hold an operator's own data (database, git repository, TLS) are left to the README.
     */
    @Test
    void theSecretsScriptCreatesEverySecretTheManifestsRequire() throws IOException, InterruptedException {
        Map<String, Map<String, String>> dev = runSecretsScript("egov-msa-dev");
        Map<String, Map<String, String>> prod = runSecretsScript("egov-msa");
        assertThat(runSecretsScript("egov-msa-dev", "prod").keySet()).as("the stage named").isEqualTo(prod.keySet());
        // Passwords and keys: random. The stores' addresses and user names are fixed (the in-cluster Services,
        // the init script's logins).
        Pattern fixed = Pattern.compile(".*_(URL|USERNAME|HOST|PORT)");
        for (Map<String, Map<String, String>> created : List.of(dev, prod)) {
            List<String> values = created.values().stream().flatMap(k -> k.entrySet().stream())
                    .filter(e -> !fixed.matcher(e.getKey()).matches()).map(Map.Entry::getValue).collect(Collectors.toList());
            assertThat(values).allSatisfy(value -> assertThat(value).matches("[A-Za-z0-9]{48}").doesNotStartWith("dev-"))
                    .doesNotHaveDuplicates();
        }
        assertThat(dev.get("customer-db")).containsEntry("CUSTOMER_DB_URL", "jdbc:postgresql://postgres:5432/customer")
                .containsEntry("CUSTOMER_DB_USERNAME", "customer").containsKey("CUSTOMER_DB_PASSWORD");
        assertThat(dev.get("catalogs-db")).containsEntry("CATALOGS_DB_URL", "jdbc:postgresql://postgres:5432/catalogs")
                .containsEntry("CATALOGS_DB_USERNAME", "catalogs").containsKey("CATALOGS_DB_PASSWORD");
        assertThat(dev.get("customer-db-migration")).containsEntry("CUSTOMER_DB_URL", "jdbc:postgresql://postgres:5432/customer")
                .containsEntry("CUSTOMER_DB_USERNAME", "customer_migration").containsKey("CUSTOMER_DB_PASSWORD");
        assertThat(dev.get("catalogs-db-migration")).containsEntry("CATALOGS_DB_URL", "jdbc:postgresql://postgres:5432/catalogs")
                .containsEntry("CATALOGS_DB_USERNAME", "catalogs_migration").containsKey("CATALOGS_DB_PASSWORD");
        // The broker: one user per purpose (docker/rabbitmq/suite-users.sh), the administrator for the broker's pod only.
        assertThat(dev.get("rabbitmq")).containsEntry("RABBITMQ_HOST", "rabbitmq").containsEntry("RABBITMQ_PORT", "5672")
                .containsEntry("RABBITMQ_BUS_USERNAME", "suite-bus").containsOnlyKeys("RABBITMQ_HOST", "RABBITMQ_PORT",
                        "RABBITMQ_BUS_USERNAME", "RABBITMQ_BUS_PASSWORD");
        assertThat(dev.get("rabbitmq-customer")).containsEntry("RABBITMQ_USERNAME", "customer-events").containsKey("RABBITMQ_PASSWORD");
        assertThat(dev.get("rabbitmq-catalogs")).containsEntry("RABBITMQ_USERNAME", "catalogs-events").containsKey("RABBITMQ_PASSWORD");
        assertThat(dev.get("rabbitmq-admin")).containsEntry("RABBITMQ_ADMIN_USERNAME", "admin").containsKey("RABBITMQ_ADMIN_PASSWORD");
        List<String> stores = List.of("customer-db", "customer-db-migration", "catalogs-db", "catalogs-db-migration", "rabbitmq",
                "rabbitmq-customer", "rabbitmq-catalogs");
        assertThat(prod).as("prod: the operator names the managed stores").doesNotContainKeys(stores.toArray(new String[0]));

        for (RenderedOverlay overlay : overlays) {
            Map<String, Map<String, String>> created = overlay.name().equals("prod") ? prod : dev;
            List<String> operatorsOwn = new ArrayList<>(List.of("config-git"));
            if (overlay.name().equals("prod")) {
                operatorsOwn.addAll(stores);
            }
            List<Map<String, Object>> workloads = new ArrayList<>(overlay.ofKind("Deployment"));
            workloads.addAll(overlay.ofKind("StatefulSet"));
            workloads.addAll(overlay.ofKind("Job"));
            workloads.addAll(overlay.ofKind("CronJob"));
            for (Map<String, Object> workload : workloads) {
                String workloadName = (String) map(workload.get("metadata")).get("name");
                Map<String, Object> container = RenderedOverlay.container(workload);
                Set<String> variables = new HashSet<>(overlay.environment(container).keySet());
                for (Map<String, Object> ref : list(container.get("envFrom"))) {
                    Map<String, Object> secret = ref.get("secretRef") == null ? null : map(ref.get("secretRef"));
                    if (secret == null || Boolean.TRUE.equals(secret.get("optional"))) {
                        continue;
                    }
                    String name = (String) secret.get("name");
                    if (operatorsOwn.contains(name)) {
                        // Created by the operator as the README shows, with the keys the dev Secret of that name has.
                        for (String key : dev.getOrDefault(name, Map.of()).keySet()) {
                            assertThat(Repository.read("README.md")).as(overlay.name() + " needs " + name + "/" + key)
                                    .containsPattern("create secret generic " + name + "[^`]*--from-literal=" + key + "=");
                        }
                        variables.addAll(dev.getOrDefault(name, Map.of()).keySet());
                    } else {
                        assertThat(created).as(overlay.name() + " needs Secret " + name).containsKey(name);
                        variables.addAll(created.get(name).keySet());
                    }
                }
                for (Map<String, Object> variable : list(container.get("env"))) {
                    Map<String, Object> from = variable.get("valueFrom") == null ? Map.of() : map(variable.get("valueFrom"));
                    if (from.get("secretKeyRef") != null) {
                        Map<String, Object> key = map(from.get("secretKeyRef"));
                        if (operatorsOwn.contains(key.get("name"))) {
                            // Created by the operator as the README shows: the command there names the key.
                            assertThat(Repository.read("README.md")).as(overlay.name() + " needs " + key.get("name") + "/" + key.get("key"))
                                    .containsPattern("create secret generic " + key.get("name") + "[^`]*--from-literal=" + key.get("key") + "=");
                        } else {
                            assertThat(created.getOrDefault((String) key.get("name"), Map.of()))
                                    .as(overlay.name() + " needs " + key.get("name") + "/" + key.get("key")).containsKey((String) key.get("key"));
                        }
                    }
                }
                // What the k8s profile refuses to start without reaches the container (README-made Secrets as documented).
                if (Repository.serviceNames().contains(workloadName)) {
                    Map<String, String> env = new HashMap<>(Repository.imageEnvironment());
                    env.putAll(overlay.environment(container));
                    String required = ServiceConfig.of(workloadName, "k8s", env).property("suite.required-settings", String.class, "");
                    for (String variable : required.split("\\s*,\\s*")) {
                        if (!variable.isEmpty()) {
                            assertThat(variables).as(overlay.name() + " " + workloadName + " gets " + variable).contains(variable);
                        }
                    }
                }
            }
        }
    }

    /** k8s/create-secrets.sh against a stand-in kubectl that records its calls and knows no Secret: what it creates. */
    private static Map<String, Map<String, String>> runSecretsScript(String... args) throws IOException, InterruptedException {
        Path bin = Files.createTempDirectory("fake-kubectl");
        Path log = bin.resolve("calls.log");
        Path kubectl = bin.resolve("kubectl");
        // Each call's arguments on one line; a Secret's standard input (--from-env-file=/dev/stdin) on lines of its own.
        Files.writeString(kubectl, "#!/bin/sh\nprintf '%s\\n' \"$*\" >> \"" + log + "\"\ncase \"$*\" in *\" get \"*|get\\ *) exit 1;; esac\n"
                + "case \"$*\" in *--from-env-file=/dev/stdin*) sed 's/^/stdin: /' >> \"" + log + "\";; esac\n");
        assertThat(kubectl.toFile().setExecutable(true)).isTrue();
        List<String> command = new ArrayList<>(List.of("bash", ServiceConfig.root().resolve("k8s/create-secrets.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder run = new ProcessBuilder(command).redirectErrorStream(true);
        run.environment().put("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH"));
        Process process = run.start();
        assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();

        String ns = args[0];
        List<String> calls = Files.readAllLines(log);
        int namespace = calls.indexOf("create namespace " + ns);
        assertThat(namespace).as("namespace created").isNotNegative();
        Map<String, Map<String, String>> created = new HashMap<>();
        List<String> arguments = new ArrayList<>();
        Map<String, String> keys = null;
        for (int i = 0; i < calls.size(); i++) {
            String call = calls.get(i);
            if (call.startsWith("stdin: ")) {
                assertThat(keys).as("standard input only for a Secret").isNotNull();
                String line = call.substring("stdin: ".length());
                assertThat(keys.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1))).as(line).isNull();
                continue;
            }
            arguments.add(call);
            keys = null;
            String[] words = call.split(" ");
            if (call.contains(" create secret generic ")) {
                assertThat(i).as("Secrets after the namespace").isGreaterThan(namespace);
                assertThat(words[0] + " " + words[1]).isEqualTo("-n " + ns);
                keys = new HashMap<>();
                for (String word : words) {
                    if (word.startsWith("--from-literal=")) {
                        String literal = word.substring("--from-literal=".length());
                        keys.put(literal.substring(0, literal.indexOf('=')), literal.substring(literal.indexOf('=') + 1));
                    }
                }
                created.put(words[5], keys);
            }
        }
        // No password or key on a command line (ps shows every user's): only names, URLs, hosts and ports there.
        Pattern notSecret = Pattern.compile(".*_(URL|USERNAME|HOST|PORT)");
        for (Map.Entry<String, Map<String, String>> secret : created.entrySet()) {
            assertThat(secret.getValue()).as("secret/" + secret.getKey() + " has keys").isNotEmpty();
            secret.getValue().forEach((key, value) -> {
                if (!notSecret.matcher(key).matches()) {
                    assertThat(arguments).as("secret/" + secret.getKey() + " " + key + " in kubectl's arguments")
                            .noneMatch(call -> call.contains(value));
                }
            });
        }
        return created;
    }

    /**
     * Start-up order: every Deployment but the config server's waits in an init container, in its own image
     * (which has curl), until each server it needs (Topology, transitively: the order of ./suite up and
     * compose) answers through its Service, at the addresses the application itself uses (suite-env).
     * A Service routes only to pods whose readiness probe has passed, so an answer means a ready server.
     */
    @TestFactory
    Stream<DynamicTest> everyServiceWaitsForWhatItNeedsBeforeItsJvmStarts() {
        return overlays.stream().flatMap(overlay -> Repository.serviceNames().stream().map(service ->
                DynamicTest.dynamicTest(overlay.name() + ": " + service, () -> checkStartupOrder(overlay, service))));
    }

    private static void checkStartupOrder(RenderedOverlay overlay, String service) {
        Map<String, Object> deployment = overlay.get("Deployment", service);
        Map<String, Object> app = RenderedOverlay.container(deployment);
        List<Map<String, Object>> inits = list(RenderedOverlay.podSpec(deployment).get("initContainers"));
        List<String> needed = needs(service);
        if (needed.isEmpty()) {
            assertThat(inits).as(service + " needs nothing to start").isEmpty();
            return;
        }
        assertThat(inits).as(service + " init containers").isNotEmpty();
        List<String> waitedFor = new ArrayList<>();
        for (Map<String, Object> init : inits) {
            assertThat(init.get("image")).as("the service's own image, which has curl").isEqualTo(app.get("image"));
            Map<String, Object> securityContext = map(init.get("securityContext"));
            assertThat(securityContext.get("allowPrivilegeEscalation")).isEqualTo(false);
            assertThat(securityContext.get("readOnlyRootFilesystem")).isEqualTo(true);
            assertThat(Repository.<Object>listOf(map(securityContext.get("capabilities")).get("drop"))).contains("ALL");
            Map<String, Object> resources = map(init.get("resources"));
            assertThat(map(resources.get("requests"))).containsKeys("cpu", "memory");
            assertThat(map(resources.get("limits"))).containsKeys("cpu", "memory");

            Map<String, String> env = overlay.environment(init);
            assertThat(Integer.parseInt(env.getOrDefault("WAIT_TIMEOUT_SECONDS", "0")))
                    .as("bounded wait, long enough for a cold cluster (seconds)").isBetween(300, 900);
            assertThat(String.join(" ", Repository.<String>listOf(init.get("command"))))
                    .contains("$WAIT_TIMEOUT_SECONDS").contains("exit 1");
            for (String arg : Repository.<String>listOf(init.get("args"))) {
                waitedFor.add(readyServerBehind(overlay, URI.create(expand(arg, env))));
            }
        }
        assertThat(waitedFor).as(service + " waits for, in order").containsExactlyElementsOf(needed);
    }

    /** What a service needs running before it starts, dependencies first (Topology, transitively). */
    private static List<String> needs(String service) {
        List<String> order = new ArrayList<>();
        for (String dependency : Topology.get(service).dependsOn()) {
            for (String transitive : needs(dependency)) {
                if (!order.contains(transitive)) {
                    order.add(transitive);
                }
            }
            if (!order.contains(dependency)) {
                order.add(dependency);
            }
        }
        return order;
    }

    /** Kubernetes' $(VAR) expansion of command and args from the container's environment. */
    private static String expand(String value, Map<String, String> env) {
        Matcher reference = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)").matcher(value);
        StringBuilder out = new StringBuilder();
        while (reference.find()) {
            assertThat(env).as("variable in " + value).containsKey(reference.group(1));
            reference.appendReplacement(out, Matcher.quoteReplacement(env.get(reference.group(1))));
        }
        reference.appendTail(out);
        return out.toString();
    }

    /** The Deployment behind the Service a URL names, checked to be one that only ready pods answer. */
    private static String readyServerBehind(RenderedOverlay overlay, URI url) {
        Map<String, Object> spec = map(overlay.get("Service", url.getHost()).get("spec"));
        assertThat(list(spec.get("ports"))).as(url + ": a port of the Service").anySatisfy(p -> assertThat(p.get("port")).isEqualTo(url.getPort()));
        assertThat(spec.get("publishNotReadyAddresses")).as(url + ": only ready pods").isNotEqualTo(true);
        String name = (String) map(spec.get("selector")).get("app.kubernetes.io/name");
        assertThat(map(RenderedOverlay.container(overlay.get("Deployment", name)).get("readinessProbe"))).as(name + " readiness").isNotEmpty();
        return name;
    }

    /** The init containers' script against a server that answers 401 (ready) and against a port nobody listens on. */
    @Test
    void theWaitScriptPassesOnAnyAnswerAndGivesUpAfterItsTimeout() throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath("sh") && onPath("curl"), "no sh or curl here: the wait script is not run");
        Map<String, Object> init = list(RenderedOverlay.podSpec(overlays.get(0).get("Deployment", "zuul-gateway"))
                .get("initContainers")).get(0);
        List<String> command = Repository.listOf(init.get("command"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
        int unused;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            unused = socket.getLocalPort();
        }
        try {
            String ready = "http://127.0.0.1:" + server.getAddress().getPort();
            assertThat(runWait(command, ready)).as("a server that wants a login is up").startsWith("0:").contains("HTTP 401");
            String down = "http://127.0.0.1:" + unused;
            assertThat(runWait(command, ready, down)).as("nothing listening: gives up, naming it").startsWith("1:").contains(down);
        } finally {
            server.stop(0);
        }
    }

    private static String runWait(List<String> command, String... urls) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(command);
        line.addAll(List.of(urls));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().put("WAIT_TIMEOUT_SECONDS", "3");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return process.exitValue() + ": " + output;
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    /**
     * CPU: a request a starting JVM can live on and the autoscalers measure against, a limit that does not
     * throttle its start. Memory: request = limit = 768Mi (patches/java-service.yaml). /tmp stays a bounded
     * emptyDir.
     */
    @Test
    void everyPodGetsTheCpuAndMemoryAJvmNeeds() {
        for (RenderedOverlay overlay : overlays) {
            for (Map<String, Object> deployment : javaServices(overlay)) {
                String name = overlay.name() + " " + map(deployment.get("metadata")).get("name");
                Map<String, Object> resources = map(RenderedOverlay.container(deployment).get("resources"));
                Map<String, Object> requests = map(resources.get("requests"));
                Map<String, Object> limits = map(resources.get("limits"));
                assertThat(millicores(requests.get("cpu"))).as(name + " CPU request").isGreaterThanOrEqualTo(500);
                assertThat(millicores(limits.get("cpu"))).as(name + " CPU limit: room for a JVM's start")
                        .isGreaterThanOrEqualTo(2 * millicores(requests.get("cpu")));
                assertThat(String.valueOf(limits.get("memory"))).as(name + " memory limit").isEqualTo("768Mi");
                assertThat(String.valueOf(requests.get("memory"))).as(name + " memory request = limit").isEqualTo("768Mi");

                Map<String, Object> tmp = list(RenderedOverlay.podSpec(deployment).get("volumes")).stream()
                        .filter(v -> "tmp".equals(v.get("name"))).findFirst().orElseThrow(() -> new AssertionError(name + ": no tmp volume"));
                assertThat(map(tmp.get("emptyDir"))).as(name + " /tmp bounded").containsKey("sizeLimit");
                assertThat(list(RenderedOverlay.container(deployment).get("volumeMounts")))
                        .anySatisfy(m -> assertThat(m).containsEntry("name", "tmp").containsEntry("mountPath", "/tmp"));
            }
        }
    }

    /**
     * Each autoscaler scales on CPU utilisation of the request at a threshold that is load, not a JVM at rest
     * (request x utilisation >= 300m), and brakes so that start-up spikes cannot cascade into a scale-out storm.
     */
    @Test
    void autoscalersScaleOnLoadNotOnStartingJvms() {
        for (RenderedOverlay overlay : overlays) {
            assertThat(overlay.ofKind("HorizontalPodAutoscaler")).isNotEmpty();
            for (Map<String, Object> autoscaler : overlay.ofKind("HorizontalPodAutoscaler")) {
                Map<String, Object> spec = map(autoscaler.get("spec"));
                String target = (String) map(spec.get("scaleTargetRef")).get("name");
                String name = overlay.name() + " " + target;
                List<Map<String, Object>> metrics = list(spec.get("metrics"));
                assertThat(metrics).as(name + " metrics").hasSize(1);
                Map<String, Object> resource = map(metrics.get(0).get("resource"));
                assertThat(resource.get("name")).isEqualTo("cpu");
                Map<String, Object> metricTarget = map(resource.get("target"));
                assertThat(metricTarget.get("type")).as(name + ": utilisation of the request").isEqualTo("Utilization");
                int request = millicores(map(map(RenderedOverlay.container(overlay.get("Deployment", target))
                        .get("resources")).get("requests")).get("cpu"));
                int threshold = request * (Integer) metricTarget.get("averageUtilization") / 100;
                assertThat(threshold).as(name + " CPU per pod before a scale-out (millicores)").isGreaterThanOrEqualTo(300);

                Map<String, Object> behavior = map(spec.get("behavior"));
                Map<String, Object> scaleUp = map(behavior.get("scaleUp"));
                Map<String, Object> scaleDown = map(behavior.get("scaleDown"));
                assertThat((Integer) scaleUp.get("stabilizationWindowSeconds")).as(name + " scale-up window (s)")
                        .isNotNull().isGreaterThanOrEqualTo(60);
                assertThat(list(scaleUp.get("policies"))).as(name + " scale-up: one pod at a time, a minute apart")
                        .isNotEmpty().allSatisfy(policy -> {
                            assertThat(policy).containsEntry("type", "Pods").containsEntry("value", 1);
                            assertThat((Integer) policy.get("periodSeconds")).isGreaterThanOrEqualTo(60);
                        });
                assertThat((Integer) scaleDown.get("stabilizationWindowSeconds")).as(name + " scale-down window (s)")
                        .isNotNull().isGreaterThanOrEqualTo(300);
                assertThat(list(scaleDown.get("policies"))).as(name + " scale-down policies").isNotEmpty();
            }
        }
    }

    /**
     * The JVM's largest footprint under the image's options fits the memory limit with at least 5 % to spare
     * (the arithmetic in patches/java-service.yaml): heap, metaspace, code cache and direct buffers as capped,
     * about 120 threads' stacks and about 40 MiB of the JVM's own. Only once the image caps every one of them.
     */
    @Test
    void theJvmsLargestFootprintFitsTheMemoryLimit() {
        for (RenderedOverlay overlay : overlays) {
            for (Map<String, Object> deployment : javaServices(overlay)) {
                Map<String, Object> container = RenderedOverlay.container(deployment);
                Map<String, String> env = new HashMap<>(Repository.imageEnvironment());
                env.putAll(overlay.environment(container));
                String options = env.getOrDefault("JAVA_TOOL_OPTIONS", "");
                assertThat(JvmFootprint.capsEverything(options)).as("the JVM options cap heap, metaspace, code cache, direct memory and stacks: "
                        + options).isTrue();
                double limit = mebibytes(String.valueOf(map(map(container.get("resources")).get("limits")).get("memory")));
                double footprint = JvmFootprint.mebibytes(options, limit);
                assertThat(footprint).as(overlay.name() + " " + map(deployment.get("metadata")).get("name")
                        + ": JVM footprint (MiB) under a " + limit + " MiB limit").isLessThanOrEqualTo(limit * 0.95);
            }
        }
    }

    /** dev runs exactly the images the README's walk-through builds and loads into the cluster's nodes. */
    @Test
    void devRunsTheImagesTheReadmeBuildsAndLoads() {
        String readme = Repository.read("README.md");
        String section = readme.substring(readme.indexOf("## Deploy to Kubernetes"));
        Matcher loop = Pattern.compile("for m in ([a-z -]+); do\\s+docker build --build-arg MODULE=\\$m -t (\\S+) \\. "
                + "&& kind load docker-image (\\S+)").matcher(section);
        assertThat(loop.find()).as("README: the build and load loop").isTrue();
        assertThat(loop.group(1).trim().split(" +")).containsExactlyInAnyOrderElementsOf(Repository.serviceNames());
        assertThat(loop.group(3)).as("the image loaded is the image built").isEqualTo(loop.group(2));
        RenderedOverlay dev = overlays.stream().filter(o -> o.name().equals("dev")).findFirst().orElseThrow();
        for (String service : Repository.serviceNames()) {
            Map<String, Object> deployment = dev.get("Deployment", service);
            List<Map<String, Object>> containers = new ArrayList<>(list(RenderedOverlay.podSpec(deployment).get("initContainers")));
            containers.add(RenderedOverlay.container(deployment));
            for (Map<String, Object> container : containers) {
                assertThat(container.get("image")).as("dev " + service).isEqualTo(loop.group(2).replace("$m", service));
                assertThat(container.get("imagePullPolicy")).as("dev " + service + ": a loaded image is not pulled")
                        .isNotEqualTo("Always");
            }
        }
    }

    private static int millicores(Object quantity) {
        String value = String.valueOf(quantity);
        return value.endsWith("m") ? Integer.parseInt(value.substring(0, value.length() - 1))
                : (int) Math.round(Double.parseDouble(value) * 1000);
    }

    private static double mebibytes(String quantity) {
        if (quantity.endsWith("Gi")) {
            return Double.parseDouble(quantity.substring(0, quantity.length() - 2)) * 1024;
        }
        assertThat(quantity).endsWith("Mi");
        return Double.parseDouble(quantity.substring(0, quantity.length() - 2));
    }

    private static int namedPort(Map<String, Object> container, String name) {
        return list(container.get("ports")).stream().filter(p -> name.equals(p.get("name")))
                .map(p -> (Integer) p.get("containerPort")).findFirst()
                .orElseThrow(() -> new AssertionError("no port named " + name));
    }

    /**
     * Tracing (k8s/components/tracing): dev runs Zipkin, the version a local run starts, reachable only from the
     * services that report to it, and those services are told where it is; prod leaves it to the operator.
     */
    @Test
    void devRunsZipkinAndTheRequestPathReportsToIt() {
        java.util.regex.Matcher version = java.util.regex.Pattern.compile("<zipkin-server.version>([^<]+)</zipkin-server.version>")
                .matcher(Repository.read("suite-launcher/pom.xml"));
        assertThat(version.find()).isTrue();
        for (RenderedOverlay overlay : overlays) {
            boolean dev = overlay.name().equals("dev");
            assertThat(overlay.ofKind("Deployment").stream().anyMatch(d -> "zipkin".equals(map(d.get("metadata")).get("name"))))
                    .as(overlay.name() + " runs Zipkin").isEqualTo(dev);
            if (!dev) {
                continue;
            }
            Map<String, Object> zipkin = overlay.get("Deployment", "zipkin");
            Map<String, Object> container = RenderedOverlay.container(zipkin);
            assertThat(container.get("image")).isEqualTo("openzipkin/zipkin:" + version.group(1));
            assertThat(map(container.get("readinessProbe"))).isNotEmpty();
            assertThat(map(map(container.get("resources")).get("limits"))).containsKey("memory");
            for (String service : List.of("zuul-gateway", "catalogs-service", "customer-service")) {
                assertThat(overlay.environment(RenderedOverlay.container(overlay.get("Deployment", service)))).as(service)
                        .containsEntry("ZIPKIN_ENABLED", "true").containsEntry("ZIPKIN_URL", "http://zipkin:9411/");
            }
            Map<String, Object> policy = overlay.get("NetworkPolicy", "zipkin");
            assertThat(String.valueOf(policy.get("spec"))).contains("zuul-gateway", "catalogs-service", "customer-service")
                    .doesNotContain("turbine-dashboard");
        }
    }
}
