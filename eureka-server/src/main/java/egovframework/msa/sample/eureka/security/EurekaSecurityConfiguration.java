package egovframework.msa.sample.eureka.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityConfigurerAdapter;

/**
 * The registry and its dashboard only for callers with the Eureka credentials (HTTP Basic,
 * spring.security.user from EUREKA_USERNAME / EUREKA_PASSWORD); clients put them in their defaultZone
 * URL. Eureka clients post registrations without CSRF tokens, so CSRF protection is off for /eureka/**
 * and stays on for the dashboard's browser session. Health and info stay open for probes.
 */
@Configuration(proxyBeanMethods = false)
class EurekaSecurityConfiguration extends WebSecurityConfigurerAdapter {

    @Override
    protected void configure(HttpSecurity http) throws Exception {
        http.csrf().ignoringAntMatchers("/eureka/**")
                .and().authorizeRequests()
                .antMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                .anyRequest().authenticated()
                .and().httpBasic();
    }
}
