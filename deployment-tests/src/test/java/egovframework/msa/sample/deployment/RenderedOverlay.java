package egovframework.msa.sample.deployment;

import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static egovframework.msa.sample.deployment.Repository.list;
import static egovframework.msa.sample.deployment.Repository.map;
import static org.assertj.core.api.Assertions.assertThat;

/** A kustomize overlay rendered by {@code kubectl kustomize}, as the list of objects it would apply. */
final class RenderedOverlay {

    private final String name;
    private final List<Map<String, Object>> objects;

    private RenderedOverlay(String name, List<Map<String, Object>> objects) {
        this.name = name;
        this.objects = objects;
    }

    static boolean kubectlAvailable() {
        try {
            Process process = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<RenderedOverlay> all;

    /**
     * Every overlay under k8s/overlays (dev and prod at least), rendered once per test JVM; the test is
     * skipped, saying so, where kubectl is not installed.
     */
    static synchronized List<RenderedOverlay> all() throws IOException, InterruptedException {
        Assumptions.assumeTrue(kubectlAvailable(),
                "kubectl is not installed: the Kubernetes manifests are not checked (install kubectl to check them)");
        if (all == null) {
            List<RenderedOverlay> rendered = new ArrayList<>();
            try (Stream<Path> dirs = Files.list(ServiceConfig.root().resolve("k8s/overlays"))) {
                for (Path overlay : dirs.sorted().collect(Collectors.toList())) {
                    rendered.add(render(overlay));
                }
            }
            assertThat(rendered).extracting(RenderedOverlay::name).contains("dev", "prod");
            all = List.copyOf(rendered);
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    static RenderedOverlay render(Path overlay) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("kubectl", "kustomize", overlay.toString()).start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + overlay + " failed: " + err);
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml().loadAll(new String(out, StandardCharsets.UTF_8))) {
            if (document != null) {
                objects.add((Map<String, Object>) document);
            }
        }
        return new RenderedOverlay(overlay.getFileName().toString(), objects);
    }

    String name() {
        return name;
    }

    List<Map<String, Object>> objects() {
        return objects;
    }

    Optional<Map<String, Object>> find(String kind, String objectName) {
        return objects.stream()
                .filter(o -> kind.equals(o.get("kind")) && objectName.equals(map(o.get("metadata")).get("name")))
                .findFirst();
    }

    Map<String, Object> get(String kind, String objectName) {
        return find(kind, objectName).orElseThrow(() -> new AssertionError(name + " renders no " + kind + " " + objectName));
    }

    /** The pod spec of a Deployment, StatefulSet or Job, or of the Jobs a CronJob makes. */
    static Map<String, Object> podSpec(Map<String, Object> deployment) {
        Map<String, Object> spec = map(deployment.get("spec"));
        if ("CronJob".equals(deployment.get("kind"))) {
            spec = map(map(spec.get("jobTemplate")).get("spec"));
        }
        return map(map(spec.get("template")).get("spec"));
    }

    static Map<String, Object> container(Map<String, Object> deployment) {
        List<Map<String, Object>> containers = list(podSpec(deployment).get("containers"));
        if (containers.size() != 1) {
            throw new AssertionError("expected one container, found " + containers.size());
        }
        return containers.get(0);
    }

    /** The variables a container gets from env values and from ConfigMaps (Secrets are not rendered). */
    Map<String, String> environment(Map<String, Object> container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> ref : list(container.get("envFrom"))) {
            if (ref.containsKey("configMapRef")) {
                String configMap = (String) map(ref.get("configMapRef")).get("name");
                map(get("ConfigMap", configMap).get("data")).forEach((k, v) -> env.put(k, String.valueOf(v)));
            }
        }
        for (Map<String, Object> variable : list(container.get("env"))) {
            env.put((String) variable.get("name"), variable.containsKey("value") ? String.valueOf(variable.get("value")) : "");
        }
        return env;
    }

    List<Map<String, Object>> ofKind(String kind) {
        List<Map<String, Object>> found = new ArrayList<>();
        objects.stream().filter(o -> kind.equals(o.get("kind"))).forEach(found::add);
        return found;
    }
}
