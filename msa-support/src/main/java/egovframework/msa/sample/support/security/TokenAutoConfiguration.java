package egovframework.msa.sample.support.security;

import egovframework.msa.sample.support.problem.Problems;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.filter.OncePerRequestFilter;

import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;

/**
 * For every service that checks bearer tokens: the one {@link JwtDecoder} ({@link Tokens}), and firewall
 * rejections as 400 problems. Each service says which paths need which authority ({@link ResourceServer}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({JwtDecoder.class, RequestRejectedException.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@AutoConfigureBefore(OAuth2ResourceServerAutoConfiguration.class)
@EnableConfigurationProperties(TokenProperties.class)
public class TokenAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(TokenProperties properties, ObjectProvider<RestTemplateBuilder> restTemplates) {
        return Tokens.decoder(properties, restTemplates.getIfAvailable(RestTemplateBuilder::new), Clock.systemUTC());
    }

    /**
     * Spring Security's firewall rejects smuggling attempts (encoded slashes, "..", ";") by throwing;
     * Spring Security 5.3 has no RequestRejectedHandler (added in 5.4), so it would surface as a 500. This
     * filter, just in front of the security chain, turns it into the 400 it is.
     */
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
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }
}
