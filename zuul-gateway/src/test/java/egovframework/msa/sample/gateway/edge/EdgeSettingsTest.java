package egovframework.msa.sample.gateway.edge;

import egovframework.msa.sample.support.startup.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings as Spring binds them from the configuration, and the check that runs before the web server. */
class EdgeSettingsTest {

    private static GenericApplicationContext context(MockEnvironment environment) {
        GenericApplicationContext context = new GenericApplicationContext();
        context.setEnvironment(environment);
        return context;
    }

    @Test
    void boundFromTheConfigurationCommaSeparated() {
        MockEnvironment environment = new MockEnvironment().withProperty("suite.gateway.public-url", "https://egov-msa.example.go.kr")
                .withProperty("suite.gateway.trusted-proxies", "10.244.0.0/16, 192.168.7.1");
        assertThatCode(() -> new EdgeSettings.StartupCheck().initialize(context(environment))).doesNotThrowAnyException();
        EdgeSettings settings = Binder.get(environment)
                .bindOrCreate("suite.gateway", EdgeSettings.class);
        assertThat(settings.publicUrl().origin()).isEqualTo("https://egov-msa.example.go.kr");
        assertThat(settings.trustedProxies()).hasToString("10.244.0.0/16,192.168.7.1");
    }

    @Test
    void anEmptyTrustedProxiesTrustsNone() {
        MockEnvironment environment = new MockEnvironment().withProperty("suite.gateway.public-url", "http://localhost:8000")
                .withProperty("suite.gateway.trusted-proxies", "");
        EdgeSettings settings = Binder.get(environment)
                .bindOrCreate("suite.gateway", EdgeSettings.class);
        assertThat(settings.trustedProxies().isEmpty()).isTrue();
    }

    @Test
    void aBadValueStopsTheStartBeforeTheWebServer() {
        MockEnvironment badCidr = new MockEnvironment().withProperty("suite.gateway.public-url", "http://localhost:8000")
                .withProperty("suite.gateway.trusted-proxies", "10.0.0.0/33");
        assertThatThrownBy(() -> new EdgeSettings.StartupCheck().initialize(context(badCidr)))
                .hasRootCauseInstanceOf(InvalidSettingException.class)
                .hasRootCauseMessage("TRUSTED_PROXIES (suite.gateway.trusted-proxies): '10.0.0.0/33' has no prefix length between 1 and 32");
        assertThatThrownBy(() -> new EdgeSettings.StartupCheck().initialize(context(new MockEnvironment())))
                .as("no public URL at all").hasRootCauseInstanceOf(InvalidSettingException.class);
    }

    @Test
    void theBootstrapContextIsLeftAlone() {
        MockEnvironment bootstrap = new MockEnvironment().withProperty("spring.config.name", "bootstrap");
        assertThatCode(() -> new EdgeSettings.StartupCheck().initialize(context(bootstrap))).doesNotThrowAnyException();
    }
}
