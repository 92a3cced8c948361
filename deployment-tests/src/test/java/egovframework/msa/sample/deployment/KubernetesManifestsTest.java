package egovframework.msa.sample.deployment;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        Assumptions.assumeTrue(RenderedOverlay.kubectlAvailable(),
                "kubectl is not installed: the Kubernetes manifests are not checked (install kubectl to check them)");
        overlays = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(ServiceConfig.root().resolve("k8s/overlays"))) {
            for (Path overlay : dirs.sorted().collect(Collectors.toList())) {
                overlays.add(RenderedOverlay.render(overlay));
            }
        }
        assertThat(overlays).extracting(RenderedOverlay::name).contains("dev", "prod");
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

    @Test
    void configServerServesExactlyWhatConfigRepoHolds() throws IOException {
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
            Map<String, Object> volume = list(RenderedOverlay.podSpec(deployment).get("volumes")).stream()
                    .filter(v -> v.containsKey("configMap")).findFirst().orElseThrow();
            Map<String, Object> configMap = overlay.get("ConfigMap", (String) map(volume.get("configMap")).get("name"));
            assertThat(map(configMap.get("data"))).as(overlay.name()).isEqualTo(files);
            String mountPath = list(RenderedOverlay.container(deployment).get("volumeMounts")).stream()
                    .filter(m -> volume.get("name").equals(m.get("name"))).findFirst().orElseThrow().get("mountPath").toString();
            assertThat(overlay.environment(RenderedOverlay.container(deployment))).containsEntry("CONFIG_REPO_DIR", mountPath);
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

    /** Names of the pods a service's NetworkPolicy lets in on one named port. */
    private static List<Object> callers(RenderedOverlay overlay, String service, String port) {
        List<Object> names = new ArrayList<>();
        for (Map<String, Object> rule : list(map(overlay.get("NetworkPolicy", service).get("spec")).get("ingress"))) {
            boolean onPort = list(rule.get("ports")).stream().anyMatch(p -> port.equals(p.get("port")));
            if (onPort) {
                assertThat(rule.get("from")).as(service + " " + port + " open to everyone").isNotNull();
                list(rule.get("from")).forEach(from -> names.add(map(map(from.get("podSelector")).get("matchLabels"))
                        .get("app.kubernetes.io/name")));
            }
        }
        return names;
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
        assertThat(map(customerDb.get("secretRef"))).as("prod needs a real database").containsEntry("optional", false);
    }

    /**
     * k8s/create-secrets.sh, run against a stand-in kubectl that records its calls: it creates the namespace
     * first, then every Secret (and every key) the rendered overlays require, each value random. Only the
     * Secrets that hold an operator's own data (database, git repository, TLS) are left to the README.
     */
    @Test
    void theSecretsScriptCreatesEverySecretTheManifestsRequire() throws IOException, InterruptedException {
        Path bin = Files.createTempDirectory("fake-kubectl");
        Path log = bin.resolve("calls.log");
        Path kubectl = bin.resolve("kubectl");
        Files.writeString(kubectl, "#!/bin/sh\nprintf '%s\\n' \"$*\" >> \"" + log + "\"\ncase \"$*\" in *\" get \"*|get\\ *) exit 1;; esac\n");
        assertThat(kubectl.toFile().setExecutable(true)).isTrue();
        ProcessBuilder run = new ProcessBuilder("bash", ServiceConfig.root().resolve("k8s/create-secrets.sh").toString(), "egov-msa-dev")
                .redirectErrorStream(true);
        run.environment().put("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH"));
        Process process = run.start();
        assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();

        List<String> calls = Files.readAllLines(log);
        int namespace = calls.indexOf("create namespace egov-msa-dev");
        assertThat(namespace).as("namespace created").isNotNegative();
        Map<String, Map<String, String>> created = new HashMap<>();
        for (int i = 0; i < calls.size(); i++) {
            String[] words = calls.get(i).split(" ");
            if (calls.get(i).contains(" create secret generic ")) {
                assertThat(i).as("Secrets after the namespace").isGreaterThan(namespace);
                assertThat(words[0] + " " + words[1]).isEqualTo("-n egov-msa-dev");
                Map<String, String> keys = new HashMap<>();
                for (String word : words) {
                    if (word.startsWith("--from-literal=")) {
                        String literal = word.substring("--from-literal=".length());
                        keys.put(literal.substring(0, literal.indexOf('=')), literal.substring(literal.indexOf('=') + 1));
                    }
                }
                created.put(words[5], keys);
            }
        }
        List<String> values = created.values().stream().flatMap(k -> k.values().stream()).collect(Collectors.toList());
        assertThat(values).allSatisfy(value -> assertThat(value).matches("[A-Za-z0-9]{48}").doesNotStartWith("dev-"))
                .doesNotHaveDuplicates();

        List<String> operatorsOwn = List.of("customer-db", "config-git");
        for (RenderedOverlay overlay : overlays) {
            for (Map<String, Object> deployment : overlay.ofKind("Deployment")) {
                Map<String, Object> container = RenderedOverlay.container(deployment);
                for (Map<String, Object> ref : list(container.get("envFrom"))) {
                    Map<String, Object> secret = ref.get("secretRef") == null ? null : map(ref.get("secretRef"));
                    if (secret != null && !Boolean.TRUE.equals(secret.get("optional")) && !operatorsOwn.contains(secret.get("name"))) {
                        assertThat(created).as(overlay.name() + " needs Secret " + secret.get("name")).containsKey((String) secret.get("name"));
                    }
                }
                for (Map<String, Object> variable : list(container.get("env"))) {
                    Map<String, Object> from = variable.get("valueFrom") == null ? Map.of() : map(variable.get("valueFrom"));
                    if (from.get("secretKeyRef") != null) {
                        Map<String, Object> key = map(from.get("secretKeyRef"));
                        assertThat(created.getOrDefault((String) key.get("name"), Map.of()))
                                .as(overlay.name() + " needs " + key.get("name") + "/" + key.get("key")).containsKey((String) key.get("key"));
                    }
                }
            }
        }
    }

    private static int namedPort(Map<String, Object> container, String name) {
        return list(container.get("ports")).stream().filter(p -> name.equals(p.get("name")))
                .map(p -> (Integer) p.get("containerPort")).findFirst()
                .orElseThrow(() -> new AssertionError("no port named " + name));
    }
}
