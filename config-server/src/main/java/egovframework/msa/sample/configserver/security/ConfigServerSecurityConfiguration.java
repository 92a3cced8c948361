package egovframework.msa.sample.configserver.security;

import egovframework.msa.sample.support.security.ClientLogins;
import egovframework.msa.sample.support.security.ClientLoginsConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityConfigurerAdapter;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import javax.servlet.http.HttpServletRequest;
import java.util.function.BiPredicate;

/**
 * Least privilege at the config server (HTTP Basic): each application logs in under its own name and
 * reads only its own environment ({@code /{application}/{profiles}[/{label}]}, {@link OwnEnvironment}: not
 * the resource endpoint, the file forms or another application's files, in any spelling); the operator login
 * reads everything and alone may use {@code /encrypt}, {@code /decrypt}, {@code /key}, {@code /monitor} and the
 * actuator endpoints ({@code bus-refresh}). Prometheus' scrape login reads {@code /actuator/prometheus} and
 * nothing else. Health and info stay open for probes; both rules hold on the management port only: on the application port {@code /actuator/health} is
 * a configuration request (application "actuator", profile "health") that would serve the shared,
 * decrypted configuration. No sessions and no cookies, so there is nothing for CSRF to ride on.
 */
@Configuration(proxyBeanMethods = false)
@Import(ClientLoginsConfiguration.class)
class ConfigServerSecurityConfiguration extends WebSecurityConfigurerAdapter {

    private final Environment environment;

    ConfigServerSecurityConfiguration(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected void configure(HttpSecurity http) throws Exception {
        // local.management.port: the port the management server really listens on (set by Boot once it runs).
        RequestMatcher onManagementPort = request -> String.valueOf(request.getLocalPort())
                .equals(environment.getProperty("local.management.port"));
        RequestMatcher probes = new OrRequestMatcher(new AntPathRequestMatcher("/actuator/health"),
                new AntPathRequestMatcher("/actuator/health/**"), new AntPathRequestMatcher("/actuator/info"));
        http.csrf().disable()
                .sessionManagement().sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                .and().authorizeRequests()
                .requestMatchers(new AndRequestMatcher(onManagementPort, probes)).permitAll()
                .requestMatchers(new AndRequestMatcher(onManagementPort, new AntPathRequestMatcher("/actuator/prometheus")))
                .hasAnyRole(ClientLogins.OPERATOR, ClientLogins.METRICS)
                // /monitor (a git push notification: refreshes services over the bus) is the operator's too. Open, it
                // would let anyone make every instance refetch its configuration at will; a git host's webhook
                // sends the login in its URL instead (https://operator:<password>@config-host/monitor, README).
                .antMatchers("/encrypt/**", "/decrypt/**", "/key/**", "/actuator/**", "/monitor", "/monitor/**")
                .hasRole(ClientLogins.OPERATOR)
                // An application's login: its own environment in the exact shapes of OwnEnvironment, nothing else.
                .anyRequest().access("hasRole('" + ClientLogins.OPERATOR + "') or @ownEnvironment.test(authentication, request)")
                .and().httpBasic();
    }

    @Bean
    BiPredicate<Authentication, HttpServletRequest> ownEnvironment() {
        return new OwnEnvironment();
    }
}
