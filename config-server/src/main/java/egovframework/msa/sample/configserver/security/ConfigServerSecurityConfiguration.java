package egovframework.msa.sample.configserver.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityConfigurerAdapter;
import org.springframework.security.config.http.SessionCreationPolicy;

/**
 * Configuration (and /encrypt, /decrypt) only for clients with the config server's credentials
 * (HTTP Basic, spring.security.user from CONFIG_SERVER_USERNAME / CONFIG_SERVER_PASSWORD). Health and
 * info stay open for probes. No sessions and no cookies, so there is nothing for CSRF to ride on.
 */
@Configuration(proxyBeanMethods = false)
class ConfigServerSecurityConfiguration extends WebSecurityConfigurerAdapter {

    @Override
    protected void configure(HttpSecurity http) throws Exception {
        http.csrf().disable()
                .sessionManagement().sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                .and().authorizeRequests()
                .antMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                .anyRequest().authenticated()
                .and().httpBasic();
    }
}
