package egovframework.msa.sample.gateway.fallback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.ClientHttpResponse;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceUnavailableFallbackTest {

    @Test
    void answers503WithAProblemNamingTheService() throws Exception {
        ServiceUnavailableFallback fallback = new ServiceUnavailableFallback("customer");

        ClientHttpResponse response = fallback.fallbackResponse("customer", new ConnectException("Connection refused"));
        JsonNode body = new ObjectMapper().readTree(response.getBody());

        assertThat(fallback.getRoute()).isEqualTo("customer");
        assertThat(response.getRawStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/problem+json;charset=UTF-8");
        assertThat(body.get("status").asInt()).isEqualTo(503);
        assertThat(body.get("service").asText()).isEqualTo("customer");
        assertThat(body.toString()).doesNotContain("ConnectException").doesNotContain("refused");
    }

    @Test
    void theBodyKeepsItsShape() {
        // The standard members in RFC 7807's order, then the service: what clients of the gateway parse.
        assertThat(new String(ServiceUnavailableFallback.body("customer"), StandardCharsets.UTF_8)).isEqualTo(
                "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                        + "\"detail\":\"Service 'customer' is unavailable, please try again shortly\",\"service\":\"customer\"}");
    }
}
