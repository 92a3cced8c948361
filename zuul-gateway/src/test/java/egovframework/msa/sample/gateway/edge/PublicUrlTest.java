package egovframework.msa.sample.gateway.edge;

import egovframework.msa.sample.support.startup.InvalidSettingException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublicUrlTest {

    /** value | scheme | host | port | origin */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://localhost:8000                | http  | localhost              | 8000 | http://localhost:8000",
            "https://egov-msa.example.go.kr       | https | egov-msa.example.go.kr | 443  | https://egov-msa.example.go.kr",
            "https://egov-msa.example.go.kr/      | https | egov-msa.example.go.kr | 443  | https://egov-msa.example.go.kr",
            "HTTP://Egov-MSA-dev.local            | http  | egov-msa-dev.local     | 80   | http://egov-msa-dev.local",
            "https://gw.example:8443              | https | gw.example             | 8443 | https://gw.example:8443",
            "http://[::1]:8000                    | http  | [::1]                  | 8000 | http://[::1]:8000"})
    void schemeHostAndPort(String value, String scheme, String host, int port, String origin) {
        PublicUrl url = PublicUrl.parse(value);
        assertThat(url.scheme()).isEqualTo(scheme);
        assertThat(url.host()).isEqualTo(host);
        assertThat(url.port()).isEqualTo(port);
        assertThat(url.origin()).isEqualTo(origin);
        assertThat(url.secure()).isEqualTo(scheme.equals("https"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "localhost:8000", "egov-msa.example.go.kr", "ftp://gw.example", "http://", "http:///path",
            "https://user:pw@gw.example", "https://gw.example/api", "https://gw.example/?x=1", "https://gw.example/#top",
            "http://gw example"})
    void anythingElseStopsTheStartInOneLine(String value) {
        assertThatThrownBy(() -> PublicUrl.parse(value)).isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("GATEWAY_PUBLIC_URL (suite.gateway.public-url) ").hasMessageNotContaining("\n");
    }
}
