package egovframework.msa.sample.support.security;

import egovframework.msa.sample.support.problem.Problems;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.ExpressionUrlAuthorizationConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.util.function.Consumer;

/**
 * The security chain every token-checking service shares: stateless (no session, no cookie, so CSRF has
 * nothing to ride on), bearer tokens checked by {@link Tokens}, 401 without a valid token and 403 with the
 * wrong scope as JSON problems, and anything no rule names refused; the token's subject goes into the access
 * log ({@link SubjectCapture}). Each service adds its own paths.
 */
public final class ResourceServer {

    private static final String[] CUSTOMERS = {"/customers", "/customers/**"};

    /** 401 with {@code WWW-Authenticate: Bearer} and a problem body: no token, or one the bearer filter refused. */
    private static final AuthenticationEntryPoint UNAUTHORIZED = (request, response, e) -> {
        response.setHeader("WWW-Authenticate", "Bearer");
        Problems.write(response, HttpStatus.UNAUTHORIZED, "A valid bearer token is required");
    };

    /** 403 with a problem body naming what the token lacks. */
    private static final AccessDeniedHandler FORBIDDEN = (request, response, e) -> Problems.write(response,
            HttpStatus.FORBIDDEN, "The token lacks the scope " + Tokens.READ_SCOPE + " (to read customers) or "
                    + Tokens.WRITE_SCOPE + " (to change them), or the role " + Tokens.ADMIN_ROLE);

    private ResourceServer() {
    }

    public static void configure(HttpSecurity http,
                                 Consumer<ExpressionUrlAuthorizationConfigurer<HttpSecurity>.ExpressionInterceptUrlRegistry> paths)
            throws Exception {
        ExpressionUrlAuthorizationConfigurer<HttpSecurity>.ExpressionInterceptUrlRegistry rules = http.csrf().disable()
                .sessionManagement().sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                // Operations endpoints have their own chain (ManagementSecurityAutoConfiguration).
                .and().authorizeRequests();
        paths.accept(rules);
        rules.anyRequest().denyAll()
                .and().exceptionHandling().authenticationEntryPoint(UNAUTHORIZED).accessDeniedHandler(FORBIDDEN)
                .and().oauth2ResourceServer()
                .authenticationEntryPoint(UNAUTHORIZED).accessDeniedHandler(FORBIDDEN)
                .jwt().jwtAuthenticationConverter(Tokens.authorities());
        http.addFilterAfter(new SubjectCapture(), BearerTokenAuthenticationFilter.class);
    }

    /** Customers' personal data: reading needs the read scope (or more), changing the write scope or admin. */
    public static void customers(ExpressionUrlAuthorizationConfigurer<HttpSecurity>.ExpressionInterceptUrlRegistry rules) {
        rules.antMatchers(HttpMethod.GET, CUSTOMERS).hasAnyAuthority(Tokens.CAN_READ_CUSTOMERS)
                .antMatchers(CUSTOMERS).hasAnyAuthority(Tokens.CAN_WRITE_CUSTOMERS);
    }
}
