package egovframework.msa.sample.launcher;

import java.util.List;
import java.util.Optional;

/**
 * The six services and their start-up dependencies. Everything needs the config server; everything but
 * the config server registers in Eureka. Each has an application port and, 1000 above it, a management
 * port for its actuator endpoints. The rest have no start-up order among themselves (catalogs
 * finds customer-service at request time), so they start together once Eureka is up.
 */
public final class Topology {

    public static final List<ServiceSpec> SERVICES = List.of(
            new ServiceSpec("config-server", 8888, 9888, List.of()),
            new ServiceSpec("eureka-server", 8761, 9761, List.of("config-server")),
            new ServiceSpec("customer-service", 8082, 9082, List.of("eureka-server")),
            new ServiceSpec("catalogs-service", 8081, 9081, List.of("eureka-server")),
            new ServiceSpec("zuul-gateway", 8000, 9000, List.of("eureka-server")),
            new ServiceSpec("turbine-dashboard", 8989, 9989, List.of("eureka-server")));

    private Topology() {
    }

    public static Optional<ServiceSpec> find(String name) {
        return SERVICES.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public static ServiceSpec get(String name) {
        return find(name).orElseThrow(() -> new LauncherException("unknown service '" + name + "'; known: "
                + String.join(", ", SERVICES.stream().map(ServiceSpec::name).toArray(String[]::new))));
    }
}
