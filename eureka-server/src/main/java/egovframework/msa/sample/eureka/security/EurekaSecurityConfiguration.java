package egovframework.msa.sample.eureka.security;

import egovframework.msa.sample.support.security.ClientLogins;
import egovframework.msa.sample.support.security.ClientLoginsConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityConfigurerAdapter;

/**
 * Least privilege at the registry (HTTP Basic; clients put their login in their defaultZone URL): every
 * application may read the registry, but registers, renews, changes and removes only instances of its own
 * name (CUSTOMER only with the customer login), so no one can take over another service's traffic.
 * Prometheus' scrape login reads the registry (its service discovery) and {@code /actuator/prometheus}, nothing
 * more. The dashboard and everything else is for the operator. Eureka clients and operators' tools (actuator,
 * on the management port) post without CSRF tokens, so CSRF protection is off for /eureka/** and
 * /actuator/** and stays on for the dashboard's browser session. Health and info stay open for probes.
 */
@Configuration(proxyBeanMethods = false)
@Import(ClientLoginsConfiguration.class)
class EurekaSecurityConfiguration extends WebSecurityConfigurerAdapter {

    private static final String OWN = "hasRole('" + ClientLogins.OPERATOR + "') or @ownApplication.test(authentication, #app)";

    @Override
    protected void configure(HttpSecurity http) throws Exception {
        http.csrf().ignoringAntMatchers("/eureka/**", "/actuator/**")
                .and().authorizeRequests()
                .antMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                .antMatchers(HttpMethod.GET, "/eureka/apps", "/eureka/apps/**", "/eureka/vips/**", "/eureka/svips/**")
                .hasAnyRole(ClientLogins.CLIENT, ClientLogins.OPERATOR, ClientLogins.METRICS)
                .antMatchers(HttpMethod.GET, "/actuator/prometheus").hasAnyRole(ClientLogins.OPERATOR, ClientLogins.METRICS)
                .antMatchers("/eureka/apps/{app}", "/eureka/apps/{app}/**").access(OWN)
                .anyRequest().hasRole(ClientLogins.OPERATOR)
                .and().httpBasic();
    }
}
