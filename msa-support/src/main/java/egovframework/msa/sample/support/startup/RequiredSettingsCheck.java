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
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Development credentials are defaults (topology.properties, {@link TopologyDefaults}) so that a local run needs
 * nothing set, and they are used only under the explicit {@value #LOCAL_PROFILE} profile, which {@code ./suite}
 * and the tests set. Every other start (the container profiles docker, k8s and prod, no profile at all, a profile
 * named prod-kr, a VM or a systemd unit) fails closed: the variables a service lists in
 * {@code suite.required-settings} must come from the environment (.env or a Secret), be at least
 * {@value #MIN_LENGTH} characters long and not be a development value (every one of those starts with
 * {@value #DEVELOPMENT_PREFIX}), or the service refuses to start with one line naming the setting. A container
 * profile beside local still checks, and an image (the Dockerfile sets {@value #IMAGE_MARKER}=true) refuses the
 * local profile itself.
 *
 * <p>It runs first among the initializers of the application context, before the config client asks
 * the config server for anything, and late enough that {@link StartupFailureReporter} reports it.
 */
public class RequiredSettingsCheck implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    static final Set<String> CONTAINER_PROFILES = Set.of("docker", "k8s", "prod");
    /** The one profile under which the development defaults count: a developer's machine. */
    public static final String LOCAL_PROFILE = "local";
    /** Set by the Dockerfile: this process runs from the suite's image, never a developer's local run. */
    static final String IMAGE_MARKER = "SUITE_IMAGE";
    static final int MIN_LENGTH = 16;
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|KEY|TOKEN)");
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
        List<String> active = Arrays.asList(environment.getActiveProfiles());
        boolean local = active.contains(LOCAL_PROFILE);
        if (local && Boolean.parseBoolean(environment.getProperty(IMAGE_MARKER, "false").strip())) {
            throw new MissingSettingsException("The local profile is for a developer's machine, not for the suite's"
                    + " image (" + IMAGE_MARKER + "=true); run the image with the docker or k8s profile and its"
                    + " credentials from the environment (README)");
        }
        List<String> container = active.stream().filter(CONTAINER_PROFILES::contains).collect(Collectors.toList());
        if (local && container.isEmpty()) {
            return;
        }
        String why = why(container, active);
        List<String> required = Arrays.stream(environment.getProperty(REQUIRED, "").split(","))
                .map(String::trim).filter(name -> !name.isEmpty()).collect(Collectors.toList());
        PropertyResolver given = withoutDevelopmentDefaults(environment);
        List<String> missing = required.stream().filter(name -> given.getProperty(name, "").isBlank())
                .collect(Collectors.toList());
        if (!missing.isEmpty()) {
            throw new MissingSettingsException("Missing " + String.join(", ", missing) + why);
        }
        List<String> development = required.stream()
                .filter(name -> given.getProperty(name, "").strip().startsWith(DEVELOPMENT_PREFIX))
                .collect(Collectors.toList());
        if (!development.isEmpty()) {
            throw new MissingSettingsException("Development value in " + String.join(", ", development) + why);
        }
        // The length rule is for secrets; a required name (CUSTOMER_EVENTS_PUBLISHER, a broker user) may be short.
        List<String> weak = required.stream().filter(name -> SECRET_NAME.matcher(name).matches())
                .filter(name -> given.getProperty(name, "").strip().length() < MIN_LENGTH)
                .collect(Collectors.toList());
        if (!weak.isEmpty()) {
            throw new MissingSettingsException("Shorter than " + MIN_LENGTH + " characters: " + String.join(", ", weak) + why);
        }
    }

    /**
     * The end of the line: which start this is and where its settings come from. "(profile k8s ...", never
     * "profile: k8s": the log masks whatever follows "SECRET:" or "PASSWORD:".
     */
    private static String why(List<String> container, List<String> active) {
        if (!container.isEmpty()) {
            return " (profile " + String.join(",", container) + " takes credentials and keys from the environment:"
                    + " .env or a Kubernetes Secret, fresh random values; README; never from defaults)";
        }
        String start = active.isEmpty() ? "a start without a profile" : "profile " + String.join(",", active);
        return " (" + start + " is not a local run and takes credentials and keys from the environment, fresh random"
                + " values; README; development defaults only under the local profile, which ./suite sets)";
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
        MissingSettingsException(String problem) {
            super(problem);
        }
    }
}
