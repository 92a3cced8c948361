package egovframework.msa.sample.support.topology;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class TopologyDefaultsTest {

    @Test
    void everyApplicationSeesTheTopologyBehindItsOwnSettings() {
        SpringApplication application = new SpringApplication(Empty.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = application.run("--STREAM_KEY=given-on-the-command-line",
                "--spring.config.name=none", "--spring.cloud.bootstrap.enabled=false",
                "--probe.port=${CUSTOMER_SERVICE_PORT}", "--probe.login=${CONFIG_OPERATOR_USERNAME}")) {
            // Placeholders in any setting resolve against the file, as config-repo's do.
            assertThat(context.getEnvironment().getProperty("probe.port", Integer.class)).isBetween(1024, 65535);
            assertThat(context.getEnvironment().getProperty("probe.login")).isEqualTo("operator");
            // Anything set elsewhere wins.
            assertThat(context.getEnvironment().getProperty("STREAM_KEY")).isEqualTo("given-on-the-command-line");
            List<String> order = context.getEnvironment().getPropertySources().stream().map(PropertySource::getName)
                    .collect(Collectors.toList());
            assertThat(order.indexOf(TopologyDefaults.SOURCE)).as(order.toString())
                    .isGreaterThan(order.indexOf("systemEnvironment")).isGreaterThan(order.indexOf("commandLineArgs"));
        }
    }

    @Test
    void theFileNamesEveryServiceWithBothPorts() {
        var topology = TopologyDefaults.load();
        for (String service : topology.getProperty("SUITE_SERVICES").split(",")) {
            String key = service.toUpperCase().replace('-', '_');
            int port = Integer.parseInt(topology.getProperty(key + "_PORT"));
            assertThat(Integer.parseInt(topology.getProperty(key + "_MANAGEMENT_PORT"))).as(service).isEqualTo(port + 1000);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }
}
