package egovframework.msa.sample.configserver.security;

import egovframework.msa.sample.support.security.ClientLogins;
import egovframework.msa.sample.support.security.ClientLoginsConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityConfigurerAdapter;
import org.springframework.security.config.http.SessionCreationPolicy;

/**
 * Least privilege at the config server (HTTP Basic): each application logs in under its own name and
 * reads only its own configuration ({@code /{application}/{profiles}[/{label}]}); the operator login
 * reads everything and alone may use {@code /encrypt}, {@code /decrypt} and {@code /key}. Health and info
 * stay open for probes. No sessions and no cookies, so there is nothing for CSRF to ride on.
 */
@Configuration(proxyBeanMethods = false)
@Import(ClientLoginsConfiguration.class)
class ConfigServerSecurityConfiguration extends WebSecurityConfigurerAdapter {

    @Override
    protected void configure(HttpSecurity http) throws Exception {
        http.csrf().disable()
                .sessionManagement().sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                .and().authorizeRequests()
                .antMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                .antMatchers("/encrypt/**", "/decrypt/**", "/key/**", "/actuator/**").hasRole(ClientLogins.OPERATOR)
                .antMatchers("/{application}/**")
                .access("hasRole('" + ClientLogins.OPERATOR + "') or @ownApplication.test(authentication, #application)")
                .anyRequest().hasRole(ClientLogins.OPERATOR)
                .and().httpBasic();
    }
}
