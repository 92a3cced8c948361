package egovframework.msa.sample.deployment;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static egovframework.msa.sample.deployment.Repository.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every object the overlays render must match the Kubernetes 1.35 API schema, so a misspelt or misplaced field
 * fails the build, not the cluster (which, depending on how the manifests are applied, rejects such a field,
 * only warns about it or silently drops it).
 * <p>
 * The schema is that of client-java-api 26.0.0, whose models are generated from the Kubernetes 1.35 OpenAPI spec
 * (kubernetes-client/java, "Automated openapi generation from release-1.35"). A model's {@code validateJsonElement}
 * rejects any field the spec does not define and any missing required field, in nested objects and arrays too.
 * It does not check scalar types (a string where a number belongs passes; an int-or-string field only has to be a
 * scalar), enum values (a Service {@code type}), nor the keys and values of free-form maps (labels, ConfigMap data,
 * resource requests and limits).
 */
class KubernetesSchemaTest {

    private static final String KUBERNETES = "1.35";
    private static final String CLIENT_JAVA_API = "26.0.0";

    /** The schema of each kind the overlays render; a kind or API version not listed here fails the check. */
    private static final Map<String, Schema> SCHEMAS = Map.ofEntries(
            Map.entry("v1 Namespace", V1Namespace::validateJsonElement),
            Map.entry("v1 ConfigMap", V1ConfigMap::validateJsonElement),
            Map.entry("v1 Service", V1Service::validateJsonElement),
            Map.entry("v1 ServiceAccount", V1ServiceAccount::validateJsonElement),
            Map.entry("apps/v1 Deployment", V1Deployment::validateJsonElement),
            Map.entry("apps/v1 StatefulSet", V1StatefulSet::validateJsonElement),
            // The one-off schema migrations (k8s/base/schema-migrate-job.yaml).
            Map.entry("batch/v1 Job", V1Job::validateJsonElement),
            // The monthly check and pruning of the access records (k8s/base/access-records-cronjob.yaml).
            Map.entry("batch/v1 CronJob", V1CronJob::validateJsonElement),
            Map.entry("autoscaling/v2 HorizontalPodAutoscaler", V2HorizontalPodAutoscaler::validateJsonElement),
            Map.entry("policy/v1 PodDisruptionBudget", V1PodDisruptionBudget::validateJsonElement),
            Map.entry("networking.k8s.io/v1 Ingress", V1Ingress::validateJsonElement),
            Map.entry("networking.k8s.io/v1 NetworkPolicy", V1NetworkPolicy::validateJsonElement),
            // Prometheus' read access to the pods of its namespace (k8s/components/observability).
            Map.entry("rbac.authorization.k8s.io/v1 Role", V1Role::validateJsonElement),
            Map.entry("rbac.authorization.k8s.io/v1 RoleBinding", V1RoleBinding::validateJsonElement));

    private static List<RenderedOverlay> overlays;

    /** A model's {@code validateJsonElement}. */
    interface Schema {
        void validate(JsonElement object) throws IOException;
    }

    @BeforeAll
    static void render() throws IOException, InterruptedException {
        overlays = RenderedOverlay.all();
    }

    @Test
    void everyRenderedObjectMatchesTheKubernetesApiSchema() {
        List<String> problems = new ArrayList<>();
        for (RenderedOverlay overlay : overlays) {
            assertThat(overlay.objects()).as(overlay.name()).isNotEmpty();
            for (Map<String, Object> object : overlay.objects()) {
                problem(json(object)).ifPresent(p -> problems.add(overlay.name() + ": " + object.get("kind") + " "
                        + map(object.get("metadata")).get("name") + ": " + p));
            }
        }
        assertThat(problems).as("objects that do not match the Kubernetes %s API schema (client-java-api %s)",
                KUBERNETES, CLIENT_JAVA_API).isEmpty();
    }

    @Test
    void aMisspeltOrMissingFieldFailsTheCheck() {
        Map<String, Object> rendered = overlays.get(0).get("Deployment", "zuul-gateway");
        assertThat(problem(json(rendered))).as("the Deployment as rendered").isEmpty();

        JsonObject misspeltProbe = json(rendered);
        JsonObject container = misspeltProbe.getAsJsonObject("spec").getAsJsonObject("template")
                .getAsJsonObject("spec").getAsJsonArray("containers").get(0).getAsJsonObject();
        container.add("readinesProbe", container.remove("readinessProbe"));
        assertThat(problem(misspeltProbe)).hasValueSatisfying(p -> assertThat(p).contains("`readinesProbe`", "V1Container"));

        JsonObject misspeltReplicas = json(rendered);
        misspeltReplicas.getAsJsonObject("spec").addProperty("replica", 2);
        assertThat(problem(misspeltReplicas)).hasValueSatisfying(p -> assertThat(p).contains("`replica`", "V1DeploymentSpec"));

        JsonObject noSelector = json(rendered);
        noSelector.getAsJsonObject("spec").remove("selector");
        assertThat(problem(noSelector)).hasValueSatisfying(p -> assertThat(p).contains("required field `selector`"));
    }

    @Test
    void aKindOrApiVersionWithoutASchemaFailsTheCheck() {
        JsonObject removedApi = json(overlays.get(0).ofKind("Ingress").get(0));
        removedApi.addProperty("apiVersion", "extensions/v1beta1");
        assertThat(problem(removedApi)).hasValueSatisfying(p -> assertThat(p).contains("extensions/v1beta1 Ingress"));

        JsonObject misspeltKind = json(overlays.get(0).get("Deployment", "zuul-gateway"));
        misspeltKind.addProperty("kind", "Deploymnet");
        assertThat(problem(misspeltKind)).hasValueSatisfying(p -> assertThat(p).contains("apps/v1 Deploymnet"));
    }

    @Test
    void theSchemaIsTheKubernetesVersionNamedHere() throws IOException {
        Properties pom = new Properties();
        try (InputStream in = V1Deployment.class.getResourceAsStream("/META-INF/maven/io.kubernetes/client-java-api/pom.properties")) {
            pom.load(in);
        }
        assertThat(pom.getProperty("version")).as("client-java-api %s is generated from Kubernetes %s: "
                + "after changing its version, name its Kubernetes version in KubernetesSchemaTest", CLIENT_JAVA_API, KUBERNETES)
                .isEqualTo(CLIENT_JAVA_API);
    }

    /** What the Kubernetes API schema finds wrong with one object, if anything. */
    static Optional<String> problem(JsonObject object) {
        String type = text(object, "apiVersion") + " " + text(object, "kind");
        Schema schema = SCHEMAS.get(type);
        if (schema == null) {
            return Optional.of("no Kubernetes " + KUBERNETES + " schema for " + type + " in KubernetesSchemaTest.SCHEMAS");
        }
        try {
            schema.validate(object);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            return Optional.of(message.length() > 400 ? message.substring(0, 400) + "..." : message);
        }
    }

    /** A rendered object as a new Gson tree (free to change). */
    static JsonObject json(Map<String, Object> object) {
        return new Gson().toJsonTree(object).getAsJsonObject();
    }

    private static String text(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : String.valueOf(value);
    }
}
