package egovframework.msa.sample.launcher;

import java.util.List;
import java.util.Objects;

/**
 * One instance of a service of the suite: its Maven module, the application port, the management
 * (actuator) port and what must be healthy before it starts. The specs in {@link Topology} are instance 1;
 * {@link #instance(int)} gives the others, each {@value #INSTANCE_PORT_STEP} ports further up
 * (customer-service 2 listens on 8092, management 9092).
 */
public final class ServiceSpec {

    static final int INSTANCE_PORT_STEP = 10;
    /** 10 instances of one service fit between the suite's ports without touching another service's. */
    public static final int MAX_INSTANCES = 9;

    private final String module;
    private final int instance;
    private final int port;
    private final int managementPort;
    private final List<String> dependsOn;

    ServiceSpec(String module, int port, int managementPort, List<String> dependsOn) {
        this(module, 1, port, managementPort, dependsOn);
    }

    private ServiceSpec(String module, int instance, int port, int managementPort, List<String> dependsOn) {
        this.module = Objects.requireNonNull(module);
        this.instance = instance;
        this.port = port;
        this.managementPort = managementPort;
        this.dependsOn = List.copyOf(dependsOn);
    }

    /** Instance {@code n} (1 = this one) of the same service, on its own ports. */
    public ServiceSpec instance(int n) {
        if (n < 1 || n > MAX_INSTANCES) {
            throw new LauncherException("instance must be 1 to " + MAX_INSTANCES + ", not " + n);
        }
        int shift = (n - instance) * INSTANCE_PORT_STEP;
        return new ServiceSpec(module, n, port + shift, managementPort + shift, dependsOn);
    }

    public int instanceNumber() {
        return instance;
    }

    /** Names the instance's log and pid file: customer-service, customer-service-2, ... */
    public String instanceName() {
        return instance == 1 ? module : module + "-" + instance;
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

    /** A URL on this instance's application port, as a person on this machine types it. */
    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** A URL on this instance's management port. */
    public String managementUrl(String path) {
        return "http://localhost:" + managementPort + path;
    }

    public String healthUrl() {
        return "http://127.0.0.1:" + managementPort + "/actuator/health";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServiceSpec && ((ServiceSpec) other).module.equals(module)
                && ((ServiceSpec) other).instance == instance;
    }

    @Override
    public int hashCode() {
        return Objects.hash(module, instance);
    }

    @Override
    public String toString() {
        return instanceName() + ":" + port;
    }
}
