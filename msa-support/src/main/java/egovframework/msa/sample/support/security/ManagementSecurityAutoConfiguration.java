package egovframework.msa.sample.support.security;

import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConstructorBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.authentication.builders.AuthenticationManagerBuilder;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityConfigurerAdapter;
import org.springframework.security.config.http.SessionCreationPolicy;

import javax.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The operations endpoints of every service (on its management port): health and info stay open for
 * probes; everything else needs the operators' login (HTTP Basic, {@code suite.management}). The Hystrix
 * stream also opens with the read-only stream key as a {@code key} query parameter: Turbine 1 (the last
 * Turbine Spring Cloud ships) and the dashboard's proxy fetch streams with their own HTTP clients, which
 * send no headers but keep the query string. Prometheus scrapes {@code /actuator/prometheus} with its own
 * login ({@code suite.management.metrics}), which opens nothing else, so the scraper never holds the operators'
 * password. The config server and Eureka guard their endpoints with their own logins instead
 * ({@code suite.management.security.enabled: false} there).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({WebSecurityConfigurerAdapter.class, EndpointRequest.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = "suite.management.security.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ManagementSecurityAutoConfiguration.ManagementLogin.class)
public class ManagementSecurityAutoConfiguration {

    public static final String STREAM_KEY_PARAMETER = "key";

    @Bean
    ManagementEndpointsSecurity managementEndpointsSecurity(ManagementLogin login) {
        return new ManagementEndpointsSecurity(login);
    }

    /** For the rule on hystrix.stream: the request carries the stream key. */
    @Bean
    Predicate<HttpServletRequest> streamKey(ManagementLogin login) {
        return login::hasStreamKey;
    }

    /** Ahead of each service's own chain (Spring Boot's default order is 100), for actuator requests only. */
    @Order(90)
    static class ManagementEndpointsSecurity extends WebSecurityConfigurerAdapter {

        private final ManagementLogin login;

        ManagementEndpointsSecurity(ManagementLogin login) {
            this.login = login;
        }

        @Override
        protected void configure(AuthenticationManagerBuilder auth) throws Exception {
            login.addWithScrapeLoginTo(auth);
        }

        @Override
        protected void configure(HttpSecurity http) throws Exception {
            http.requestMatcher(EndpointRequest.toAnyEndpoint())
                    .csrf().disable()
                    .sessionManagement().sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                    .and().authorizeRequests()
                    .requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll()
                    .requestMatchers(EndpointRequest.to("hystrix.stream"))
                    .access("hasRole('" + ClientLogins.OPERATOR + "') or @streamKey.test(request)")
                    .requestMatchers(EndpointRequest.to("prometheus")).hasAnyRole(ClientLogins.OPERATOR, ClientLogins.METRICS)
                    .anyRequest().hasRole(ClientLogins.OPERATOR)
                    .and().httpBasic();
        }
    }

    /** The operators' login, the scrape login and the stream key (config-repo/application.yml, suite.management). */
    @ConstructorBinding
    @ConfigurationProperties("suite.management")
    public static class ManagementLogin {
        private final String username;
        private final String password;
        private final String streamKey;
        private final ClientLogins.Login metrics;

        public ManagementLogin(String username, String password, String streamKey, ClientLogins.Login metrics) {
            this.username = Objects.requireNonNull(username, "suite.management.username");
            this.password = Objects.requireNonNull(password, "suite.management.password");
            this.streamKey = Objects.requireNonNull(streamKey, "suite.management.stream-key");
            this.metrics = Objects.requireNonNull(metrics, "suite.management.metrics");
        }

        /** The operators' login as the only user of a security chain (held in memory, from the environment). */
        public void addTo(AuthenticationManagerBuilder auth) throws Exception {
            auth.inMemoryAuthentication().withUser(username).password("{noop}" + password).roles(ClientLogins.OPERATOR);
        }

        /** The operators' login and the scrape login: the users of the operations endpoints' chain only. */
        void addWithScrapeLoginTo(AuthenticationManagerBuilder auth) throws Exception {
            auth.inMemoryAuthentication()
                    .withUser(username).password("{noop}" + password).roles(ClientLogins.OPERATOR)
                    .and().withUser(metrics.user(ClientLogins.METRICS));
        }

        public String streamKey() {
            return streamKey;
        }

        /** Compared in constant time, so the answer's timing does not give the key away. */
        public boolean hasStreamKey(HttpServletRequest request) {
            String given = request.getParameter(STREAM_KEY_PARAMETER);
            return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                    streamKey.getBytes(StandardCharsets.UTF_8));
        }
    }
}
