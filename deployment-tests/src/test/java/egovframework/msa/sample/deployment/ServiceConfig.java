package egovframework.msa.sample.deployment;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.AbstractEnvironment;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.core.io.FileSystemResource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A service's configuration as it would be at start in a given profile with a given process
 * environment: the same files the service reads (its bootstrap.yml, then config-repo/ as the config
 * server serves it; the config server reads its own application.yml; topology.properties last), in the same precedence, with
 * placeholders resolved by Spring itself. Deployment files are checked against this, not against
 * copies of the numbers.
 */
final class ServiceConfig {

    /** Variables that are read by the JVM or by Spring Boot itself rather than by a placeholder. */
    private static final Set<String> PLATFORM_VARIABLES = Set.of("SPRING_PROFILES_ACTIVE", "JAVA_TOOL_OPTIONS");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

    private final String service;
    private final List<Path> files;
    private final ConfigurableEnvironment environment;

    private ServiceConfig(String service, List<Path> files, ConfigurableEnvironment environment) {
        this.service = service;
        this.files = files;
        this.environment = environment;
    }

    static Path root() {
        return Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
    }

    /** @param processEnvironment the variables the container gets (image ENV plus compose or manifest) */
    static ServiceConfig of(String service, String profile, Map<String, String> processEnvironment) {
        List<Path> files = filesFor(service, profile);
        ConfigurableEnvironment environment = new AbstractEnvironment() { };
        environment.getPropertySources().addLast(
                new SystemEnvironmentPropertySource("process environment", new HashMap<>(processEnvironment)));
        // The one JVM property the configuration refers to: the working directory of the image.
        environment.getPropertySources().addLast(new MapPropertySource("jvm", Map.of("user.dir", "/app")));
        // What Spring Cloud Commons adds at start (HostInfoEnvironmentPostProcessor): this host's name and address.
        environment.getPropertySources().addLast(new MapPropertySource("spring cloud host info",
                Map.of("spring.cloud.client.hostname", "10.0.0.7", "spring.cloud.client.ip-address", "10.0.0.7")));
        YamlPropertySourceLoader loader = new YamlPropertySourceLoader();
        for (Path file : files) {
            try {
                for (PropertySource<?> source : loader.load(root().relativize(file).toString(), new FileSystemResource(file))) {
                    environment.getPropertySources().addLast(source);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // Last, as msa-support's TopologyDefaults adds it to every service: the ports and development credentials.
        try {
            environment.getPropertySources().addLast(new ResourcePropertySource("topology.properties",
                    new FileSystemResource(root().resolve("topology.properties"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServiceConfig(service, files, environment);
    }

    /** Highest precedence first, as the config server and Spring Boot order them. */
    private static List<Path> filesFor(String service, String profile) {
        Path resources = root().resolve(service).resolve("src/main/resources");
        List<Path> candidates = new ArrayList<>();
        if (service.equals("config-server")) {
            candidates.add(resources.resolve("application-" + profile + ".yml"));
            candidates.add(resources.resolve("application.yml"));
            candidates.add(resources.resolve("bootstrap.yml"));
        } else {
            Path repo = root().resolve("config-repo");
            String application = applicationName(resources.resolve("bootstrap.yml"));
            candidates.add(repo.resolve(application + "-" + profile + ".yml"));
            candidates.add(repo.resolve("application-" + profile + ".yml"));
            candidates.add(repo.resolve(application + ".yml"));
            candidates.add(repo.resolve("application.yml"));
            candidates.add(resources.resolve("bootstrap.yml"));
        }
        return candidates.stream().filter(Files::isRegularFile).collect(Collectors.toList());
    }

    @SuppressWarnings("unchecked")
    static String applicationName(Path bootstrap) {
        try {
            Map<String, Object> yaml = new Yaml().load(Files.readString(bootstrap));
            return (String) ((Map<String, Object>) ((Map<String, Object>) yaml.get("spring")).get("application")).get("name");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A property bound as the service binds it (Spring Boot's Binder: relaxed names, placeholders resolved),
     * or the default if unset.
     */
    <T> T property(String name, Class<T> type, T defaultValue) {
        return Binder.get(environment).bind(name, Bindable.of(type)).orElse(defaultValue);
    }

    /** A map property (such as eureka.client.service-url) bound as the service binds it; empty if unset. */
    Map<String, String> mapProperty(String name) {
        return Binder.get(environment).bind(name, Bindable.mapOf(String.class, String.class)).orElse(Map.of());
    }

    int port() {
        return environment.getRequiredProperty("server.port", Integer.class);
    }

    /** Where the actuator endpoints listen: management.server.port, or the application port if unset. */
    int managementPort() {
        return environment.getProperty("management.server.port", Integer.class, port());
    }

    /** Every property whose placeholders cannot be resolved, as "file: name = raw value". */
    List<String> unresolvedPlaceholders() {
        List<String> unresolved = new ArrayList<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource) || source instanceof SystemEnvironmentPropertySource) {
                continue;
            }
            for (String name : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
                Object raw = source.getProperty(name);
                if (raw != null && raw.toString().contains("${")) {
                    try {
                        environment.resolveRequiredPlaceholders(raw.toString());
                    } catch (IllegalArgumentException e) {
                        unresolved.add(source.getName() + ": " + name + " = " + raw);
                    }
                }
            }
        }
        return unresolved;
    }

    /** Environment variables this service reads: placeholders in its configuration, plus the platform's own. */
    Set<String> variablesRead() {
        Set<String> names = new LinkedHashSet<>(PLATFORM_VARIABLES);
        for (Path file : files) {
            try {
                Matcher matcher = VARIABLE.matcher(Files.readString(file));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }

    /** HTTP paths of the actuator endpoints this service exposes, on {@link #managementPort()}. */
    Set<String> exposedPaths() {
        String base = environment.getProperty("management.endpoints.web.base-path", "/actuator");
        Set<String> paths = new LinkedHashSet<>();
        List<String> exposed = Arrays.stream(environment.getProperty("management.endpoints.web.exposure.include",
                "health,info").split(",")).map(String::trim).collect(Collectors.toList());
        exposed.forEach(id -> paths.add(base + "/" + id));
        if (exposed.contains("health")
                && environment.getProperty("management.endpoint.health.probes.enabled", Boolean.class, false)) {
            paths.add(base + "/health/liveness");
            paths.add(base + "/health/readiness");
        }
        return paths;
    }
}
