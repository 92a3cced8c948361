package egovframework.msa.sample.gateway.edge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardedChainTest {

    private static final TrustedProxies INGRESS = TrustedProxies.parse(List.of("10.244.0.0/16"));

    @Test
    void everyXForwardedForLineInOrder() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("X-Forwarded-For", "198.51.100.1, 203.0.113.9");
        request.addHeader("X-Forwarded-For", "10.244.2.2");
        assertThat(ForwardedChain.of(request)).containsExactly("198.51.100.1", "203.0.113.9", "10.244.2.2");
    }

    @Test
    void xForwardedForWinsOverForwarded() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Forwarded", "for=198.51.100.66");
        request.addHeader("X-Forwarded-For", "203.0.113.9");
        assertThat(ForwardedChain.of(request)).containsExactly("203.0.113.9");
    }

    /** Forwarded header value | the client, from a trusted proxy at 10.244.3.4 */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "for=203.0.113.9                                              | 203.0.113.9",
            "For=203.0.113.9;proto=https;by=10.244.3.4                    | 203.0.113.9",
            "proto=https;FOR=203.0.113.9                                  | 203.0.113.9",
            "for=198.51.100.1, for=203.0.113.9                            | 203.0.113.9",
            "for=203.0.113.9, for=10.244.2.2                              | 203.0.113.9",
            "for=\"203.0.113.9:4711\"                                     | 203.0.113.9",
            "for=\"[2001:db8:cafe::17]\"                                  | 2001:db8:cafe:0:0:0:0:17",
            "for=\"[2001:db8:cafe::17]:4711\";proto=http                  | 2001:db8:cafe:0:0:0:0:17",
            "for=\"[2001:db8:cafe::17]:4711\", for=10.244.2.2              | 2001:db8:cafe:0:0:0:0:17",
            "for=\"a,b;c\";proto=https, for=203.0.113.9                    | 203.0.113.9",
            "for=\"\\\"quoted\\\"\", for=203.0.113.9                        | 203.0.113.9",
            "for=unknown                                                  | 10.244.3.4",
            "for=_hidden, for=203.0.113.9                                 | 203.0.113.9",
            "for=203.0.113.9, for=_hidden                                 | 10.244.3.4",
            "for=203.0.113.9, proto=https                                 | 10.244.3.4",
            "for=\"[2001:db8:cafe::17\"                                   | 10.244.3.4",
            "for=[2001:db8:cafe::17]                                      | 2001:db8:cafe:0:0:0:0:17",
            "for=\"                                                       | 10.244.3.4"})
    void forwardedForValuesInEveryForm(String forwarded, String client) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Forwarded", forwarded);
        assertThat(INGRESS.clientAddress("10.244.3.4", ForwardedChain.of(request))).isEqualTo(client);
    }

    @Test
    void withNeitherHeaderTheChainIsEmpty() {
        assertThat(ForwardedChain.of(new MockHttpServletRequest())).isEmpty();
        assertThat(INGRESS.clientAddress("10.244.3.4", List.of())).isEqualTo("10.244.3.4");
    }
}
