package egovframework.msa.sample.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The six services, their ports and the development credentials of a local run, as topology.properties at
 * the project root writes them (this jar carries a copy, made by the build). Everything needs the config
 * server; everything but the config server registers in Eureka. The rest have no start-up order among
 * themselves (catalogs finds customer-service at request time), so they start together once Eureka is up.
 */
public final class Topology {

    static final String RESOURCE = "/META-INF/egov-msa-suite/topology.properties";
    private static final Properties FILE = load();

    public static final List<ServiceSpec> SERVICES = services();

    private Topology() {
    }

    public static Optional<ServiceSpec> find(String name) {
        return SERVICES.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public static ServiceSpec get(String name) {
        return find(name).orElseThrow(() -> new LauncherException("unknown service '" + name + "'; known: "
                + String.join(", ", SERVICES.stream().map(ServiceSpec::name).toArray(String[]::new))));
    }

    /**
     * A setting of a local run, as the services resolve it too: the environment variable of that name when
     * it is set, otherwise topology.properties.
     */
    public static String setting(String key) {
        String value = System.getenv(key);
        if (value != null && !value.isBlank()) {
            return value;
        }
        return Optional.ofNullable(FILE.getProperty(key))
                .orElseThrow(() -> new IllegalStateException("topology.properties has no " + key));
    }

    /** An application's development password at the config server or Eureka ("config" or "eureka"). */
    public static String developmentPassword(String server, String application) {
        return setting("DEV_" + server.toUpperCase(Locale.ROOT) + "_PASSWORD_PREFIX") + application;
    }

    /** Start order: the config server, then Eureka after it, then every other service after Eureka. */
    private static List<ServiceSpec> services() {
        List<String> names = Arrays.asList(FILE.getProperty("SUITE_SERVICES").split(","));
        List<ServiceSpec> specs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).trim();
            String key = name.toUpperCase(Locale.ROOT).replace('-', '_');
            List<String> after = i == 0 ? List.of() : List.of(names.get(Math.min(i - 1, 1)).trim());
            specs.add(new ServiceSpec(name, Integer.parseInt(FILE.getProperty(key + "_PORT")),
                    Integer.parseInt(FILE.getProperty(key + "_MANAGEMENT_PORT")), after));
        }
        return List.copyOf(specs);
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = Topology.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("suite-launcher is built without " + RESOURCE);
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
