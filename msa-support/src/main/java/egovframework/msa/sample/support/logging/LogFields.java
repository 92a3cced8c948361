package egovframework.msa.sample.support.logging;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;
import org.springframework.core.env.PropertySource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * What the JSON layout of logback-spring.xml needs from Spring: no banner (it is not a JSON line), and the
 * {@code instance} field of every line: {@code <host>:<port>}, the host as Eureka's instance id
 * names it (spring.cloud.client.hostname; the pod or container name in Kubernetes and compose) and the
 * service's HTTP port, or only the host while the port is not known yet.
 *
 * <p>The port usually comes from the config server, after logging has started, and Spring Cloud may start
 * logging over again when the remote configuration arrives or on a refresh. So the value is offered two ways:
 * as the property {@value #PROPERTY}, computed whenever it is read, which logback-spring.xml reads each time
 * Logback is configured; and pushed into the running Logback context once the remote configuration is in
 * (after the context initializers) and once the web server knows its real port.
 */
final class LogFields implements EnvironmentPostProcessor, ApplicationListener<ApplicationEvent> {

    static final String PROPERTY = "suite.logging.instance";
    /** The Logback context property the JSON layout prints. */
    static final String LOGBACK_PROPERTY = "instance";
    /** The profiles that turn the JSON layout on; the same expression as in logback-spring.xml. */
    static final String JSON_PROFILES = "json-logs | docker | k8s";
    private static final String NO_BANNER = "suiteJsonLogsNoBanner";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getPropertySources().contains(InstanceSource.NAME)) {
            environment.getPropertySources().addLast(new InstanceSource(environment));
        }
        // Spring Boot prints its banner straight to stdout, which would break one JSON object per line.
        // Last in line, so spring.main.banner-mode set anywhere else still wins.
        if (environment.acceptsProfiles(Profiles.of(JSON_PROFILES))
                && !environment.getPropertySources().contains(NO_BANNER)) {
            environment.getPropertySources().addLast(
                    new MapPropertySource(NO_BANNER, Map.of("spring.main.banner-mode", "off")));
        }
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationContextInitializedEvent) {
            publish(instance(((ApplicationContextInitializedEvent) event).getApplicationContext().getEnvironment(), null));
        } else if (event instanceof WebServerInitializedEvent) {
            WebServerInitializedEvent started = (WebServerInitializedEvent) event;
            // The management port's server has a namespace of its own; the instance is the application port.
            if (started.getApplicationContext().getServerNamespace() == null) {
                publish(instance(started.getApplicationContext().getEnvironment(), started.getWebServer().getPort()));
            }
        }
    }

    static String instance(Environment environment, Integer knownPort) {
        String host = environment.getProperty("spring.cloud.client.hostname");
        if (host == null || host.isBlank()) {
            host = localHostName();
        }
        String port = knownPort != null ? knownPort.toString()
                : environment.getProperty("local.server.port",
                        environment.getProperty("server.port", environment.getProperty("PORT")));
        // 0 asks for a random port (tests): unknown until the web server has one.
        return port == null || port.isBlank() || "0".equals(port) ? host : host + ":" + port;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static void publish(String instance) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext) {
            ((LoggerContext) factory).putProperty(LOGBACK_PROPERTY, instance);
        }
    }

    /**
     * Computed on each read, so it always reflects the configuration the environment holds by then. Its source
     * is not the environment itself: Spring Boot would walk into it as a nested environment and never return.
     */
    private static final class InstanceSource extends PropertySource<Object> {
        static final String NAME = "suiteLoggingInstance";

        private final Environment environment;

        InstanceSource(Environment environment) {
            super(NAME, new Object());
            this.environment = environment;
        }

        @Override
        public Object getProperty(String name) {
            return PROPERTY.equals(name) ? instance(environment, null) : null;
        }
    }
}
