package egovframework.msa.sample.gateway.edge;

import com.netflix.zuul.context.RequestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.netflix.zuul.filters.ProxyRequestHelper;
import org.springframework.cloud.netflix.zuul.filters.SimpleRouteLocator;
import org.springframework.cloud.netflix.zuul.filters.ZuulProperties;
import org.springframework.cloud.netflix.zuul.filters.pre.PreDecorationFilter;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.MultiValueMap;

import javax.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter in front of Zuul's own PreDecorationFilter and ProxyRequestHelper, as the gateway runs them: what the
 * service behind the gateway receives as X-Forwarded-* is the client's real address and the public URL, never
 * what a caller wrote.
 */
class EdgeRequestFilterTest {

    private static final PublicUrl LOCAL = PublicUrl.parse("http://localhost:8000");
    private static final PublicUrl INGRESS_HOST = PublicUrl.parse("https://egov-msa.example.go.kr");

    @AfterEach
    void clearZuulContext() {
        RequestContext.getCurrentContext().unset();
    }

    /** A caller's request with every forwarded header set to something it would like the services to believe. */
    private static MockHttpServletRequest spoofed(String remoteAddress) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/customers");
        request.setRemoteAddr(remoteAddress);
        request.setServerName("evil.example");
        request.setServerPort(666);
        request.addHeader("Host", "evil.example:666");
        request.addHeader("X-Forwarded-For", "203.0.113.66");
        request.addHeader("X-Forwarded-Host", "evil.example");
        request.addHeader("X-Forwarded-Proto", "https");
        request.addHeader("X-Forwarded-Port", "443");
        request.addHeader("X-Forwarded-Prefix", "/evil");
        request.addHeader("x-forwarded-server", "evil");
        request.addHeader("Forwarded", "for=198.51.100.66;host=evil.example;proto=https");
        request.addHeader("Authorization", "Bearer token");
        return request;
    }

    private static HttpServletRequest through(EdgeRequestFilter filter, MockHttpServletRequest request) throws Exception {
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        return (HttpServletRequest) chain.getRequest();
    }

    /** What Zuul sends to the service for this request: PreDecorationFilter's headers over the request's own. */
    private static MultiValueMap<String, String> sentByZuul(HttpServletRequest request) {
        ZuulProperties properties = new ZuulProperties();
        properties.getRoutes().put("customer", new ZuulProperties.ZuulRoute("customer", "/customers/**", "customer", null,
                false, null, Set.of("Cookie", "Set-Cookie")));
        ProxyRequestHelper helper = new ProxyRequestHelper(properties);
        RequestContext context = RequestContext.getCurrentContext();
        context.setRequest(request);
        context.setResponse(new MockHttpServletResponse());
        new PreDecorationFilter(new SimpleRouteLocator("", properties), "", properties, helper).run();
        return helper.buildZuulRequestHeaders(request);
    }

    @Test
    void anUntrustedCallerChoosesNeitherItsAddressNorTheHostOfLinks() throws Exception {
        HttpServletRequest request = through(new EdgeRequestFilter(LOCAL, TrustedProxies.none()), spoofed("127.0.0.1"));

        assertThat(request.getRemoteAddr()).isEqualTo("127.0.0.1");
        assertThat(request.getRemoteHost()).isEqualTo("127.0.0.1");
        assertThat(request.getScheme()).isEqualTo("http");
        assertThat(request.getServerName()).isEqualTo("localhost");
        assertThat(request.getServerPort()).isEqualTo(8000);
        assertThat(request.getRequestURL().toString()).isEqualTo("http://localhost:8000/customers");
        for (String name : List.of("X-Forwarded-For", "x-forwarded-host", "X-FORWARDED-PROTO", "X-Forwarded-Port",
                "X-Forwarded-Prefix", "X-Forwarded-Server", "Forwarded")) {
            assertThat(request.getHeader(name)).as(name).isNull();
            assertThat(Collections.list(request.getHeaders(name))).as(name).isEmpty();
            assertThat(request.getIntHeader(name)).as(name).isEqualTo(-1);
        }
        assertThat(Collections.list(request.getHeaderNames())).containsExactlyInAnyOrder("Host", "Authorization");

        MultiValueMap<String, String> sent = sentByZuul(request);
        assertThat(sent.get("x-forwarded-for")).containsExactly("127.0.0.1");
        assertThat(sent.get("x-forwarded-host")).containsExactly("localhost:8000");
        assertThat(sent.get("x-forwarded-proto")).containsExactly("http");
        assertThat(sent.get("x-forwarded-port")).containsExactly("8000");
        assertThat(sent).doesNotContainKeys("x-forwarded-prefix", "x-forwarded-server", "forwarded", "host");
        assertThat(sent.toString()).doesNotContain("evil", "203.0.113.66", "198.51.100.66", "443");
    }

    @Test
    void behindATrustedProxyTheClientItNamesAndStillThePublicUrl() throws Exception {
        MockHttpServletRequest fromIngress = spoofed("10.244.3.4");
        fromIngress.removeHeader("X-Forwarded-For");
        // The caller's own chain, then what the ingress controller appended: the address it saw.
        fromIngress.addHeader("X-Forwarded-For", "10.244.9.9, 203.0.113.66, 198.51.100.7");
        HttpServletRequest request = through(new EdgeRequestFilter(INGRESS_HOST,
                TrustedProxies.parse(List.of("10.244.0.0/16"))), fromIngress);

        assertThat(request.getRemoteAddr()).isEqualTo("198.51.100.7");
        assertThat(request.getRequestURL().toString()).isEqualTo("https://egov-msa.example.go.kr/customers");
        assertThat(request.isSecure()).isTrue();
        MultiValueMap<String, String> sent = sentByZuul(request);
        assertThat(sent.get("x-forwarded-for")).containsExactly("198.51.100.7");
        assertThat(sent.get("x-forwarded-host")).containsExactly("egov-msa.example.go.kr");
        assertThat(sent.get("x-forwarded-proto")).containsExactly("https");
        assertThat(sent.get("x-forwarded-port")).containsExactly("443");
        assertThat(sent.toString()).doesNotContain("evil", "203.0.113.66", "10.244.");
    }

    @Test
    void aForwardedHeaderCountsOnlyFromATrustedProxy() throws Exception {
        TrustedProxies ingress = TrustedProxies.parse(List.of("10.244.0.0/16"));
        for (Map.Entry<String, String> expected : Map.of("10.244.3.4", "2001:db8:cafe:0:0:0:0:17", "192.0.2.1", "192.0.2.1").entrySet()) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/customers/1234");
            request.setRemoteAddr(expected.getKey());
            request.addHeader("Forwarded", "for=\"[2001:db8:cafe::17]:4711\";proto=https");
            assertThat(through(new EdgeRequestFilter(LOCAL, ingress), request).getRemoteAddr()).as("from " + expected.getKey())
                    .isEqualTo(expected.getValue());
        }
    }
}
