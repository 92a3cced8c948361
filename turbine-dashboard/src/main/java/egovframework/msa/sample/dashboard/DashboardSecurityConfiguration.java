package egovframework.msa.sample.dashboard;

import egovframework.msa.sample.support.problem.Problems;
import egovframework.msa.sample.support.security.ClientLogins;
import egovframework.msa.sample.support.security.ManagementSecurityAutoConfiguration.ManagementLogin;
import egovframework.msa.sample.support.security.OperatorLoginSecurity;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.web.filter.OncePerRequestFilter;

import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * The dashboard is for operators: every page and stream needs their login (HTTP Basic). The merged
 * /turbine.stream also opens with the read-only stream key, which the dashboard's own proxy needs (it
 * fetches streams with a client that sends no login, only the URL). The proxy reaches only the suite's
 * streams: the allowed hosts (hystrix.dashboard.proxy-stream-allow-list) and, on them, only a service's
 * /actuator/hystrix.stream or Turbine's /turbine.stream.
 */
@Configuration(proxyBeanMethods = false)
class DashboardSecurityConfiguration extends OperatorLoginSecurity {

    static final Set<String> STREAM_PATHS = Set.of("/actuator/hystrix.stream", "/turbine.stream");

    DashboardSecurityConfiguration(ManagementLogin login) {
        super(login);
    }

    @Override
    protected void configure(HttpSecurity http) throws Exception {
        http.authorizeRequests()
                .antMatchers("/turbine.stream").access("hasRole('" + ClientLogins.OPERATOR + "') or @streamKey.test(request)")
                .anyRequest().hasRole(ClientLogins.OPERATOR)
                .and().httpBasic();
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> proxyOnlyToStreams() {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (isSuiteStream(request.getParameter("origin"))) {
                    chain.doFilter(request, response);
                } else {
                    Problems.write(response, HttpStatus.BAD_REQUEST,
                            "The dashboard proxies only /actuator/hystrix.stream and /turbine.stream");
                }
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/proxy.stream");
        // Named: Boot names an anonymous filter "oncePerRequestFilter", and the container keeps one filter per name.
        registration.setName("proxyOnlyToStreams");
        return registration;
    }

    /** An http(s) URL without user info whose path is exactly one of the suite's stream paths. */
    static boolean isSuiteStream(String origin) {
        if (origin == null) {
            return false;
        }
        try {
            URI uri = new URI(origin.strip());
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getRawUserInfo() == null
                    && uri.getHost() != null && STREAM_PATHS.contains(uri.getRawPath());
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
