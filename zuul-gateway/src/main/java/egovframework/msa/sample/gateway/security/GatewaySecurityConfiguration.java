package egovframework.msa.sample.gateway.security;

import egovframework.msa.sample.support.security.ResourceServer;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityConfigurerAdapter;

/**
 * Authentication and authorisation at the gateway (the guide's "인증 및 인가" service-mesh function):
 * the catalogs display is open (it masks personal data for anonymous callers); reading customers needs a
 * bearer token with the read scope, changing them the write scope or the admin role. The token travels on
 * to the service, which checks it again (defence in depth), with the same rules ({@link ResourceServer}).
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurityConfiguration extends WebSecurityConfigurerAdapter {

    @Override
    protected void configure(HttpSecurity http) throws Exception {
        ResourceServer.configure(http, rules -> {
            // Zuul's own servlet bypasses Spring MVC; nothing of ours is served there.
            rules.antMatchers("/zuul/**").denyAll()
                    .antMatchers(HttpMethod.GET, "/catalogs/**").permitAll();
            ResourceServer.customers(rules);
        });
    }
}
