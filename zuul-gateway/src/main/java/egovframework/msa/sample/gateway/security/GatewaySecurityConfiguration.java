package egovframework.msa.sample.gateway.security;

import egovframework.msa.sample.support.problem.Problems;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityConfigurerAdapter;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.filter.OncePerRequestFilter;

import javax.crypto.spec.SecretKeySpec;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Authentication and authorisation at the gateway (the guide's "인증 및 인가" service-mesh function):
 * reading catalogs and customers is open, changing customers needs a bearer token (JWT) with the write
 * scope or the admin role. Tokens are checked here once; no session, no cookie, so CSRF has nothing to
 * ride on. Answers 401 without a valid token and 403 with the wrong scope, both as JSON problems.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurityConfiguration extends WebSecurityConfigurerAdapter {

    private static final String[] CUSTOMERS = {"/customers", "/customers/**"};

    private final GatewaySecurityProperties properties;

    GatewaySecurityConfiguration(GatewaySecurityProperties properties) {
        this.properties = properties;
    }

    @Override
    protected void configure(HttpSecurity http) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            Problems.write(response, HttpStatus.UNAUTHORIZED, "A valid bearer token is required");
        };
        AccessDeniedHandler forbidden = (request, response, e) -> Problems.write(response, HttpStatus.FORBIDDEN,
                "The token lacks the scope '" + properties.getWriteScope() + "' or the role '"
                        + properties.getAdminRole() + "'");
        http.csrf().disable()
                .sessionManagement().sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                .and().authorizeRequests()
                // Zuul's own servlet bypasses Spring MVC; nothing of ours is served there.
                .antMatchers("/zuul/**").denyAll()
                // Served on the management port only (loopback, or guarded by a NetworkPolicy).
                .antMatchers("/actuator/**").permitAll()
                .antMatchers(HttpMethod.GET, "/catalogs/**").permitAll()
                .antMatchers(HttpMethod.GET, CUSTOMERS).permitAll()
                .antMatchers(CUSTOMERS).hasAnyAuthority("SCOPE_" + properties.getWriteScope(),
                        "ROLE_" + properties.getAdminRole())
                .anyRequest().denyAll()
                .and().exceptionHandling().authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden)
                .and().oauth2ResourceServer()
                .authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden)
                .jwt().decoder(jwtDecoder()).jwtAuthenticationConverter(authorities());
    }

    /** The identity provider's keys when a JWK set is configured, otherwise the suite's HMAC key. */
    JwtDecoder jwtDecoder() {
        if (!properties.getJwkSetUri().isEmpty()) {
            return NimbusJwtDecoder.withJwkSetUri(properties.getJwkSetUri()).build();
        }
        SecretKeySpec key = new SecretKeySpec(properties.getHmacSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        return NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
    }

    /** Scopes ("scope"/"scp") become SCOPE_x as usual; the "roles" claim becomes ROLE_x. */
    static Converter<Jwt, AbstractAuthenticationToken> authorities() {
        JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            Collection<GrantedAuthority> granted = new ArrayList<>(scopes.convert(jwt));
            List<String> roles = jwt.getClaimAsStringList("roles");
            if (roles != null) {
                roles.forEach(role -> granted.add(new SimpleGrantedAuthority("ROLE_" + role)));
            }
            return granted;
        });
        return converter;
    }

    /**
     * Spring Security's firewall rejects smuggling attempts (encoded slashes, "..", ";") by throwing;
     * Spring Security 5.3 has no handler for that, so it would surface as a 500. This filter, just in
     * front of the security chain, turns it into the 400 it is.
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
