package egovframework.msa.sample.deployment;

import egovframework.msa.sample.launcher.ServiceSpec;
import egovframework.msa.sample.launcher.Topology;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the services bind, resolved from their own configuration files as Spring resolves them, is what
 * topology.properties says and ./suite waits for: a literal port in config-repo/ or a config server file fails here.
 */
class LauncherTopologyTest {

    @Test
    void everyServiceBindsThePortsOfTheTopologyFile() {
        for (ServiceSpec service : Topology.SERVICES) {
            ServiceConfig config = ServiceConfig.of(service.name(), "default", Map.of());
            assertThat(config.port()).as(service.name()).isEqualTo(service.port());
            assertThat(config.managementPort()).as(service.name() + " management").isEqualTo(service.managementPort());
            assertThat(config.exposedPaths()).contains("/actuator/health");
            assertThat(config.unresolvedPlaceholders()).isEmpty();
        }
    }
}
