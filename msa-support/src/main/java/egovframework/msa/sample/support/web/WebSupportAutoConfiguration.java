package egovframework.msa.sample.support.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/** Servlet filters every service of the suite gets by depending on msa-support. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class WebSupportAutoConfiguration {

    /** The limit's one value is this default: the config server, which never reads config-repo, needs it too. */
    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
            @Value("${suite.http.max-request-bytes:65536}") long maxBytes) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestSizeLimitFilter(maxBytes));
        // First of all filters: nothing else reads a body that is refused.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * The access log (AccessLogFilter): inside Sleuth's tracing filter (HIGHEST_PRECEDENCE + 5), so each line
     * has the trace id, and outside Spring Security, so refused requests are logged too.
     */
    @Bean
    @ConditionalOnProperty(name = "suite.http.access-log", matchIfMissing = true)
    FilterRegistrationBean<AccessLogFilter> accessLog() {
        FilterRegistrationBean<AccessLogFilter> registration = new FilterRegistrationBean<>(new AccessLogFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /**
     * Answers are buffered and sent whole, with Content-Length (and an ETag, so a repeated GET can get
     * 304). A chunked answer is written in pieces: an instance killed between them leaves its caller with
     * a 200 whose body never ends, after the caller's retry could still have helped. The gateway turns
     * this off (suite.http.whole-responses: false): it streams what the services already sent whole.
     */
    @Bean
    @ConditionalOnProperty(name = "suite.http.whole-responses", matchIfMissing = true)
    FilterRegistrationBean<ShallowEtagHeaderFilter> wholeResponses() {
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration =
                new FilterRegistrationBean<>(new ShallowEtagHeaderFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
