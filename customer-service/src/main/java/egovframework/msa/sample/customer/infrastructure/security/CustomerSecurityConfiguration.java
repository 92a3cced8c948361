package egovframework.msa.sample.customer.infrastructure.security;

import egovframework.msa.sample.support.security.ResourceServer;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityConfigurerAdapter;

/**
 * customer-service holds personal data, so it checks the bearer token itself rather than trusting that
 * every caller came through the gateway: reading needs customers:read (or write, or the admin role),
 * changing needs customers:write or the admin role. The gateway's rules, checked a second time.
 */
@Configuration(proxyBeanMethods = false)
class CustomerSecurityConfiguration extends WebSecurityConfigurerAdapter {

    @Override
    protected void configure(HttpSecurity http) throws Exception {
        ResourceServer.configure(http, ResourceServer::customers);
    }
}
