package egovframework.msa.sample.support.startup;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Development credentials are defaults in the configuration so that a local run needs nothing set.
 * In the container profiles (docker, k8s) those defaults must never be used: the variables a service
 * lists in {@code suite.required-in-containers} must come from the environment (.env or a Secret), or
 * the service refuses to start with one line naming what is missing.
 *
 * <p>It runs first among the initializers of the application context, before the config client asks
 * the config server for anything, and late enough that {@link StartupFailureReporter} reports it.
 */
public class RequiredSettingsCheck implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    static final Set<String> CONTAINER_PROFILES = Set.of("docker", "k8s");
    static final String REQUIRED = "suite.required-in-containers";

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
        List<String> missing = Arrays.stream(environment.getProperty(REQUIRED, "").split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .filter(name -> environment.getProperty(name, "").isBlank())
                .collect(Collectors.toList());
        if (!missing.isEmpty()) {
            throw new MissingSettingsException(missing, profiles);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** Reported as one line by {@link StartupFailureReporter}. */
    public static final class MissingSettingsException extends IllegalStateException {
        MissingSettingsException(List<String> missing, List<String> profiles) {
            super("Missing " + String.join(", ", missing) + ": profile " + String.join(",", profiles)
                    + " takes credentials from the environment (.env or a Kubernetes Secret), never from defaults");
        }
    }
}
