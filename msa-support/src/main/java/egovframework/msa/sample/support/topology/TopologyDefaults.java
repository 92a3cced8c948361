package egovframework.msa.sample.support.topology;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigFileApplicationListener;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The suite's topology (topology.properties at the project root: ports and development credentials), as
 * the last settings of every service, in its bootstrap context too. So config-repo/ and bootstrap.yml write
 * {@code ${CUSTOMER_SERVICE_PORT}} or {@code ${MANAGEMENT_PASSWORD}} instead of a second copy of the value,
 * and anything set anywhere else (an environment variable, the config server) wins.
 */
public final class TopologyDefaults implements EnvironmentPostProcessor, Ordered {

    /** The property source's name: RequiredSettingsCheck does not count a value that comes only from here. */
    public static final String SOURCE = "suiteTopology";
    static final String RESOURCE = "META-INF/egov-msa-suite/topology.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getPropertySources().contains(SOURCE)) {
            environment.getPropertySources().addLast(new PropertiesPropertySource(SOURCE, load()));
        }
    }

    static Properties load() {
        try {
            return PropertiesLoaderUtils.loadProperties(new ClassPathResource(RESOURCE, TopologyDefaults.class.getClassLoader()));
        } catch (IOException e) {
            throw new UncheckedIOException("msa-support is built without " + RESOURCE, e);
        }
    }

    /** After the configuration files are in, so that addLast puts the topology behind them. */
    @Override
    public int getOrder() {
        return ConfigFileApplicationListener.DEFAULT_ORDER + 1;
    }
}
