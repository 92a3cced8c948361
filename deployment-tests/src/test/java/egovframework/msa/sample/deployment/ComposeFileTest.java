package egovframework.msa.sample.deployment;

import egovframework.msa.sample.launcher.ServiceSpec;
import egovframework.msa.sample.launcher.Topology;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static egovframework.msa.sample.deployment.Repository.map;
import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml against the services' own configuration in the docker profile. */
class ComposeFileTest {

    private static final Map<String, Object> COMPOSE = Repository.yaml("docker-compose.yml");

    private static Map<String, Object> service(String name) {
        return map(map(COMPOSE.get("services")).get(name));
    }

    @Test
    void composeHasExactlyTheSixServices() {
        assertThat(map(COMPOSE.get("services")).keySet()).containsExactlyInAnyOrderElementsOf(Repository.serviceNames());
    }

    @Test
    void servicesStartInOrderOnceTheOneBeforeIsHealthy() {
        List<ServiceSpec> order = Topology.SERVICES;
        assertThat(map(service(order.get(0).name()).get("depends_on"))).isEmpty();
        for (int i = 1; i < order.size(); i++) {
            Map<String, Object> dependsOn = map(service(order.get(i).name()).get("depends_on"));
            assertThat(dependsOn).as(order.get(i).name()).containsOnlyKeys(order.get(i - 1).name());
            assertThat(map(dependsOn.get(order.get(i - 1).name()))).containsEntry("condition", "service_healthy");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyServiceMatchesItsApplication() {
        return Repository.serviceNames().stream().map(name -> DynamicTest.dynamicTest(name, () -> check(name)));
    }

    private static void check(String name) {
        Map<String, Object> service = service(name);
        Map<String, String> declared = environment(service);
        Map<String, String> env = new HashMap<>(Repository.imageEnvironment());
        env.putAll(declared);
        assertThat(env).containsEntry("SPRING_PROFILES_ACTIVE", "docker");
        ServiceConfig config = ServiceConfig.of(name, "docker", env);

        assertThat(map(map(service.get("build")).get("args"))).containsEntry("MODULE", name);
        assertThat((String) service.get("image")).startsWith("egov-msa-suite/" + name + ":");
        int port = config.port();
        assertThat(port).as("same port as ./suite up").isEqualTo(Topology.get(name).port());
        // Only the gateway is published on every interface; the dashboards on the host's loopback; the rest not at all.
        List<Object> published = service.containsKey("ports") ? Repository.listOf(service.get("ports")) : List.of();
        if (name.equals("zuul-gateway")) {
            assertThat(published).containsExactly(port + ":" + port);
        } else {
            assertThat(published).allSatisfy(p -> assertThat(p.toString()).isEqualTo("127.0.0.1:" + port + ":" + port));
        }

        List<Object> test = Repository.listOf(map(service.get("healthcheck")).get("test"));
        assertThat(test).as("healthcheck").startsWith("CMD", "curl");
        String url = (String) test.get(test.size() - 1);
        String management = "http://localhost:" + config.managementPort();
        assertThat(url).as("health check on the management port").startsWith(management + "/");
        assertThat(config.exposedPaths()).contains(url.substring(management.length()));
        assertThat(config.managementPort()).isEqualTo(Topology.get(name).managementPort());

        assertThat(config.variablesRead()).as("variables " + name + " reads").containsAll(declared.keySet());
        assertThat(config.unresolvedPlaceholders()).as("unresolved placeholders in the docker profile").isEmpty();
        assertThat(service.get("restart")).isNotNull();
        assertThat(map(map(map(service.get("deploy")).get("resources")).get("limits"))).containsKey("memory");
        assertThat(map(map(service.get("logging")).get("options"))).as("log rotation").containsKeys("max-size", "max-file");
    }

    private static Map<String, String> environment(Map<String, Object> service) {
        return map(service.get("environment")).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> Repository.composeDefault(String.valueOf(e.getValue()))));
    }
}
