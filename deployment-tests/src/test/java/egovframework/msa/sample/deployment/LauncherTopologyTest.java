package egovframework.msa.sample.deployment;

import egovframework.msa.sample.launcher.ServiceSpec;
import egovframework.msa.sample.launcher.Topology;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's port table is what the services really bind when started by ./suite up. */
class LauncherTopologyTest {

    @Test
    void launcherPortsAreTheServicesOwnDefaultPorts() {
        for (ServiceSpec service : Topology.SERVICES) {
            ServiceConfig config = ServiceConfig.of(service.name(), "default", Map.of());
            assertThat(config.port()).as(service.name()).isEqualTo(service.port());
            assertThat(config.managementPort()).as(service.name() + " management").isEqualTo(service.managementPort());
            assertThat(config.exposedPaths()).contains("/actuator/health");
            assertThat(config.unresolvedPlaceholders()).isEmpty();
        }
    }
}
