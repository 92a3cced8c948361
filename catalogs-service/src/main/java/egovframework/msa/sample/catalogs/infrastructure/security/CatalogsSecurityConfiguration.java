package egovframework.msa.sample.catalogs.infrastructure.security;

import egovframework.msa.sample.support.security.ResourceServer;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityConfigurerAdapter;

/**
 * The catalogs display is open to anyone, but a bearer token, when sent, is checked (an invalid one gets
 * 401): its scopes decide whether personal data is shown in full or masked (CatalogsController).
 */
@Configuration(proxyBeanMethods = false)
class CatalogsSecurityConfiguration extends WebSecurityConfigurerAdapter {

    @Override
    protected void configure(HttpSecurity http) throws Exception {
        ResourceServer.configure(http, rules -> rules.antMatchers(HttpMethod.GET, "/catalogs/**").permitAll());
    }
}
