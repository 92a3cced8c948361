package egovframework.msa.sample.gateway.edge;

import egovframework.msa.sample.support.startup.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedProxiesTest {

    /** An ingress controller's pod range, a second proxy's address and an IPv6 range. */
    private static final TrustedProxies INGRESS = TrustedProxies.parse(List.of("10.244.0.0/16", " 192.168.7.1 ", "fd00:1::/64"));

    /** remote address | X-Forwarded-For hops (';' between them) | the client */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // From an untrusted connection the chain is ignored, whatever it says.
            "198.51.100.20 | 203.0.113.9                              | 198.51.100.20",
            "198.51.100.20 | 10.244.1.1                               | 198.51.100.20",
            "127.0.0.1     | 203.0.113.9;10.244.1.1                   | 127.0.0.1",
            // From a trusted proxy: the rightmost hop that is not a trusted proxy.
            "10.244.3.4    | 203.0.113.9                              | 203.0.113.9",
            "10.244.3.4    | 198.51.100.1;203.0.113.9                 | 203.0.113.9",
            "10.244.3.4    | 198.51.100.1;203.0.113.9;192.168.7.1     | 203.0.113.9",
            "10.244.3.4    | 198.51.100.1;203.0.113.9;10.244.9.9;192.168.7.1 | 203.0.113.9",
            // A caller behind the proxy that writes its own chain gets only its own address.
            "10.244.3.4    | 10.244.7.7;1.2.3.4;203.0.113.9           | 203.0.113.9",
            // Every hop a trusted proxy: the leftmost.
            "10.244.3.4    | 192.168.7.1;10.244.2.2                   | 192.168.7.1",
            // Ports and brackets as some proxies write them.
            "10.244.3.4    | 203.0.113.9:51234                        | 203.0.113.9",
            "10.244.3.4    | [2001:db8::7]:51234                      | 2001:db8:0:0:0:0:0:7",
            "10.244.3.4    | 2001:db8::7                              | 2001:db8:0:0:0:0:0:7",
            "fd00:1:0:0:0:0:0:5 | 2001:db8::7;fd00:1::9               | 2001:db8:0:0:0:0:0:7",
            // A hop that names no address: the trusted proxy that wrote it is what is known.
            "10.244.3.4    | 203.0.113.9;unknown                      | 10.244.3.4",
            "10.244.3.4    | 203.0.113.9;unknown;192.168.7.1          | 192.168.7.1",
            "10.244.3.4    | evil.example.com                         | 10.244.3.4",
            "10.244.3.4    | <script>                                 | 10.244.3.4",
            "10.244.3.4    | 0300.0250.0.1                            | 10.244.3.4",
            "10.244.3.4    | .:                                       | 10.244.3.4",
            "10.244.3.4    | 203.0.113.9;                             | 10.244.3.4",
            "10.244.3.4    | 999.1.1.1                                | 10.244.3.4"})
    void theClientIsTheRightmostAddressThatIsNoTrustedProxy(String remote, String hops, String client) {
        assertThat(INGRESS.clientAddress(remote, Arrays.asList(hops.split(";", -1)))).isEqualTo(client);
    }

    @Test
    void withoutTrustedProxiesNoChainCounts() {
        TrustedProxies none = TrustedProxies.parse(List.of(""));
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.clientAddress("127.0.0.1", List.of("203.0.113.9"))).isEqualTo("127.0.0.1");
        assertThat(TrustedProxies.parse(null).isEmpty()).isTrue();
        assertThat(TrustedProxies.none().toString()).isEqualTo("none");
        assertThat(INGRESS.toString()).isEqualTo("10.244.0.0/16,192.168.7.1,fd00:1::/64");
    }

    @Test
    void aSingleAddressTrustsThatAddressOnly() {
        TrustedProxies loopback = TrustedProxies.parse(List.of("127.0.0.1/32"));
        assertThat(loopback.clientAddress("127.0.0.1", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(loopback.clientAddress("127.0.0.2", List.of("203.0.113.9"))).isEqualTo("127.0.0.2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-cidr", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x", "10.0.0.0/-1", "10.0.0/8", "010.0.0.0/8",
            "256.0.0.0/8", "ingress.example/24", "[fd00::]/64", "fd00::/129", "10.0.0.1:80", "0.0.0.0/0", "::/0", "fd00::%eth0"})
    void aValueThatIsNoAddressOrCidrStopsTheStartInOneLine(String entry) {
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("10.244.0.0/16", entry)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("TRUSTED_PROXIES (suite.gateway.trusted-proxies): '" + entry + "' ")
                .hasMessageNotContaining("\n");
    }
}
