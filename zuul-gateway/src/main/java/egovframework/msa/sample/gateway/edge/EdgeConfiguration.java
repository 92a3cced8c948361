package egovframework.msa.sample.gateway.edge;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The gateway's place at the edge: the client's real address and the public URL, for everything after it. */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

    /**
     * First of all filters, before Sleuth's (HIGHEST_PRECEDENCE + 5), the access log (+ 10) and Spring Security;
     * the gateway's forward-headers strategy is off (config-repo/zuul-gateway.yml), so nothing reads the
     * caller's headers before this.
     */
    @Bean
    FilterRegistrationBean<EdgeRequestFilter> edgeRequestFilter(EdgeSettings settings) {
        FilterRegistrationBean<EdgeRequestFilter> registration = new FilterRegistrationBean<>(
                new EdgeRequestFilter(settings.publicUrl(), settings.trustedProxies()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
