package egovframework.msa.sample.support.startup;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import egovframework.msa.sample.support.topology.TopologyDefaults;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.env.PropertySourcesPropertyResolver;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Development credentials are defaults (topology.properties, {@link TopologyDefaults}) so that a local run needs
 * nothing set.
 * In the container profiles (docker, k8s, prod) those defaults must never be used: the variables a service
 * lists in {@code suite.required-settings} must come from the environment (.env or a Secret), be at
 * least {@value #MIN_LENGTH} characters long and not be a development value (every one of those starts
 * with {@value #DEVELOPMENT_PREFIX}), or the service refuses to start with one line naming the setting.
 *
 * <p>It runs first among the initializers of the application context, before the config client asks
 * the config server for anything, and late enough that {@link StartupFailureReporter} reports it.
 */
public class RequiredSettingsCheck implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    static final Set<String> CONTAINER_PROFILES = Set.of("docker", "k8s", "prod");
    static final int MIN_LENGTH = 16;
    static final String DEVELOPMENT_PREFIX = "dev-";
    public static final String REQUIRED = "suite.required-settings";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        check(context.getEnvironment());
    }

    static void check(ConfigurableEnvironment environment) {
        if ("bootstrap".equals(environment.getProperty("spring.config.name"))) {
            return; // Spring Cloud's bootstrap context: the application context right after it checks
        }
        List<String> profiles = Arrays.stream(environment.getActiveProfiles())
                .filter(CONTAINER_PROFILES::contains).collect(Collectors.toList());
        if (profiles.isEmpty()) {
            return;
        }
        List<String> required = Arrays.stream(environment.getProperty(REQUIRED, "").split(","))
                .map(String::trim).filter(name -> !name.isEmpty()).collect(Collectors.toList());
        PropertyResolver given = withoutDevelopmentDefaults(environment);
        List<String> missing = required.stream().filter(name -> given.getProperty(name, "").isBlank())
                .collect(Collectors.toList());
        if (!missing.isEmpty()) {
            throw new MissingSettingsException("Missing " + String.join(", ", missing), profiles);
        }
        List<String> development = required.stream()
                .filter(name -> given.getProperty(name, "").strip().startsWith(DEVELOPMENT_PREFIX))
                .collect(Collectors.toList());
        if (!development.isEmpty()) {
            throw new MissingSettingsException("Development value in " + String.join(", ", development), profiles);
        }
        List<String> weak = required.stream().filter(name -> given.getProperty(name, "").strip().length() < MIN_LENGTH)
                .collect(Collectors.toList());
        if (!weak.isEmpty()) {
            throw new MissingSettingsException("Shorter than " + MIN_LENGTH + " characters: " + String.join(", ", weak),
                    profiles);
        }
    }

    /** The settings without the development defaults: a value that only they give counts as missing. */
    private static PropertyResolver withoutDevelopmentDefaults(ConfigurableEnvironment environment) {
        MutablePropertySources sources = new MutablePropertySources(environment.getPropertySources());
        sources.remove(TopologyDefaults.SOURCE);
        PropertySourcesPropertyResolver resolver = new PropertySourcesPropertyResolver(sources);
        resolver.setIgnoreUnresolvableNestedPlaceholders(true);
        return resolver;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** Reported as one line by {@link StartupFailureReporter}. */
    public static final class MissingSettingsException extends IllegalStateException {
        MissingSettingsException(String problem, List<String> profiles) {
            // "(profile ...", not ": profile ...": the log masks whatever follows "SECRET:" or "PASSWORD:".
            super(problem + " (profile " + String.join(",", profiles) + " takes credentials and keys from the"
                    + " environment: .env or a Kubernetes Secret, fresh random values; README; never from defaults)");
        }
    }
}
