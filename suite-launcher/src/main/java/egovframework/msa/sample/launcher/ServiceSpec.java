package egovframework.msa.sample.launcher;

import java.util.List;
import java.util.Objects;

/**
 * One service of the suite: its Maven module, the application port, the management (actuator) port
 * and what must be healthy before it starts.
 */
public final class ServiceSpec {

    private final String module;
    private final int port;
    private final int managementPort;
    private final List<String> dependsOn;

    ServiceSpec(String module, int port, int managementPort, List<String> dependsOn) {
        this.module = Objects.requireNonNull(module);
        this.port = port;
        this.managementPort = managementPort;
        this.dependsOn = List.copyOf(dependsOn);
    }

    /** The service is named after its module: config-server, customer-service, ... */
    public String name() {
        return module;
    }

    public int port() {
        return port;
    }

    public int managementPort() {
        return managementPort;
    }

    public List<String> dependsOn() {
        return dependsOn;
    }

    public String healthUrl() {
        return "http://127.0.0.1:" + managementPort + "/actuator/health";
    }

    @Override
    public String toString() {
        return module + ":" + port;
    }
}
