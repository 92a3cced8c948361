package egovframework.msa.sample.gateway.fallback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.ClientHttpResponse;

import java.net.ConnectException;

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
}
