package egovframework.msa.sample.gateway.edge;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConstructorBinding;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.List;

/**
 * What the gateway knows about its place at the edge (config-repo/zuul-gateway.yml, {@code suite.gateway}): the
 * URL callers reach it at and the proxies in front of it whose forwarded headers count. Invalid values stop the
 * start with one line (InvalidSettingException, {@link StartupCheck}). Read once: changing them takes a restart.
 */
@ConstructorBinding
@ConfigurationProperties("suite.gateway")
public class EdgeSettings {

    private final PublicUrl publicUrl;
    private final TrustedProxies trustedProxies;

    public EdgeSettings(String publicUrl, List<String> trustedProxies) {
        this.publicUrl = PublicUrl.parse(publicUrl);
        this.trustedProxies = TrustedProxies.parse(trustedProxies);
    }

    PublicUrl publicUrl() {
        return publicUrl;
    }

    TrustedProxies trustedProxies() {
        return trustedProxies;
    }

    /**
     * Binds the settings once the configuration server's properties are in (after Spring Cloud's
     * PropertySourceBootstrapConfiguration), before the web server starts: bound there first, by the filter's
     * registration, a bad value would also cost a long Tomcat error line next to the one-line refusal.
     */
    public static final class StartupCheck implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            ConfigurableEnvironment environment = context.getEnvironment();
            if (!"bootstrap".equals(environment.getProperty("spring.config.name"))) {
                Binder.get(environment).bindOrCreate("suite.gateway", EdgeSettings.class);
            }
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
