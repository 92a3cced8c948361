package egovframework.msa.sample.support.security;

import egovframework.msa.sample.support.problem.Problems;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.filter.OncePerRequestFilter;

import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Spring Security's firewall rejects smuggling attempts (encoded slashes and dots, "..", ";", "//") by throwing;
 * Spring Security 5.3 has no RequestRejectedHandler (added in 5.4), so the rejection would surface as a 500, or,
 * at the config server and Eureka (HTTP Basic), as a 401 from the error page, which no login opens. For every
 * service with Spring Security: this filter, just in front of the security chain, turns it into the 400 it is.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(RequestRejectedException.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class RejectedRequestAutoConfiguration {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> rejectedRequestFilter() {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                try {
                    chain.doFilter(request, response);
                } catch (RequestRejectedException e) {
                    Problems.write(response, HttpStatus.BAD_REQUEST, "The request was rejected");
                }
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        // Named: an anonymous filter's registration is named after its type, oncePerRequestFilter, and the servlet
        // container skips a second filter of the same name (the dashboard's and the config server's own).
        registration.setName("rejectedRequestFilter");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }
}
