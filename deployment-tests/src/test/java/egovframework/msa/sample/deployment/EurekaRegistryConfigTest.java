package egovframework.msa.sample.deployment;

import egovframework.msa.sample.launcher.Topology;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry is one standalone Eureka server in every way the suite runs (./suite up, compose, Kubernetes):
 * checked against config-repo/ as the config server serves it per profile, with the environment each
 * deployment gives the service.
 */
class EurekaRegistryConfigTest {

    private static final String REGISTRY = "eureka-server";
    /** Stands for the instance's own address with prefer-ip-address: an IP literal no name-based URL can equal. */
    private static final String OWN_IP = "(the pod's IP address)";

    /** The process environment of a service in each profile, as its deployment sets it. */
    private static Map<String, String> environment(String profile, String service) {
        Map<String, String> env = new HashMap<>();
        switch (profile) {
            case "default":   // ./suite up: nothing set, the configuration's own defaults
                break;
            case "docker":
                env.putAll(Repository.imageEnvironment());
                env.putAll(Repository.composeEnvironment(service));
                break;
            case "k8s":
                env.putAll(Repository.imageEnvironment());
                env.putAll(Repository.kustomizeLiterals("suite-env"));
                break;
            default:
                throw new IllegalArgumentException(profile);
        }
        return env;
    }

    @TestFactory
    Stream<DynamicTest> theRegistryIsStandaloneAndNeverItsOwnPeer() {
        return Stream.of("default", "docker", "k8s").map(profile -> DynamicTest.dynamicTest(profile, () -> {
            ServiceConfig config = ServiceConfig.of(REGISTRY, profile, environment(profile, REGISTRY));
            assertThat(config.property("eureka.client.register-with-eureka", Boolean.class, true))
                    .as("register-with-eureka").isFalse();
            assertThat(config.property("eureka.client.fetch-registry", Boolean.class, true)).as("fetch-registry").isFalse();
            assertThat(serviceUrls(config)).as(profile + ": Eureka server refuses to start without a service URL").isNotEmpty();
            assertThat(peers(config)).as(profile + ": replication peers of the standalone registry").isEmpty();
        }));
    }

    /** The clients still register their own IP address where host names mean nothing to the others. */
    @TestFactory
    Stream<DynamicTest> clientsRegisterTheirIpAddressInContainers() {
        return Stream.of("docker", "k8s").flatMap(profile -> Repository.serviceNames().stream()
                .filter(service -> !service.equals("config-server") && !service.equals(REGISTRY))
                .map(service -> DynamicTest.dynamicTest(profile + ": " + service, () -> {
                    ServiceConfig config = ServiceConfig.of(service, profile, environment(profile, service));
                    assertThat(config.property("eureka.instance.prefer-ip-address", Boolean.class, false)).isTrue();
                    assertThat(config.property("eureka.client.register-with-eureka", Boolean.class, true)).isTrue();
                    assertThat(serviceUrls(config)).as("the registry a client registers with")
                            .hasSize(1).allSatisfy(url -> assertThat(URI.create(url).getPort()).isEqualTo(Topology.get(REGISTRY).port()));
                })));
    }

    /**
     * What Eureka server 1.10 replicates to (PeerEurekaNodes.resolvePeerUrls): the client's service URLs for
     * its zone (Spring Cloud falls back to defaultZone, and adds a missing trailing slash) except its own:
     * the URL equal to eureka.server.my-url when that is set, otherwise those whose host is the instance's
     * host name, which with eureka.instance.prefer-ip-address is its IP address.
     */
    private static List<String> peers(ServiceConfig config) {
        String myUrl = config.property("eureka.server.my-url", String.class, null);
        boolean preferIp = config.property("eureka.instance.prefer-ip-address", Boolean.class, false);
        String ownHost = preferIp ? OWN_IP : config.property("eureka.instance.hostname", String.class, null);
        return serviceUrls(config).stream()
                .filter(url -> myUrl != null ? !url.equals(myUrl) : !URI.create(url).getHost().equals(ownHost))
                .collect(Collectors.toList());
    }

    private static List<String> serviceUrls(ServiceConfig config) {
        // EurekaClientConfigBean starts from defaultZone = http://localhost:8761/eureka/; the zone is defaultZone.
        Map<String, String> configured = config.mapProperty("eureka.client.service-url");
        String urls = configured.getOrDefault("defaultZone", "http://localhost:8761/eureka/");
        return Arrays.stream(urls.split(",")).map(String::trim).filter(url -> !url.isEmpty())
                .map(url -> url.endsWith("/") ? url : url + "/").collect(Collectors.toList());
    }
}
