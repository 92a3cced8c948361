package egovframework.msa.sample.customer.logging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import egovframework.msa.sample.customer.application.CustomerService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.mock.mockito.MockBean;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * customer-service in the json-logs profile (the layout docker and k8s use), answering real HTTP requests
 * that carry tokens and logins: every line on stdout is one JSON object with the service's fields, and no
 * secret appears anywhere in it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {LoggedRequests.NAME,
        LoggedRequests.CONFIG_NAMES, LoggedRequests.CONFIG_REPO, LoggedRequests.DATABASE, LoggedRequests.TOKEN_KEY,
        LoggedRequests.NO_MANAGEMENT_PORT, LoggedRequests.NO_BROKER, LoggedRequests.REQUEST_DETAILS,
        LoggedRequests.HEADERS_LOGGED, "logs.test=json"})
@ActiveProfiles("json-logs")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class JsonLogsTest {

    private static final Pattern TEST_FRAMEWORK_BEFORE_START =
            Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[main\\] [A-Z]+ +\\S+ - .*");
    private static final ObjectReader ONE_JSON_VALUE = new ObjectMapper().readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Autowired
    TestRestTemplate rest;
    @MockBean
    CustomerService service;
    @LocalServerPort
    int port;

    @Test
    void everyLineIsOneJsonObjectWithTheServiceFieldsAndNoSecret(CapturedOutput output) throws Exception {
        LoggedRequests requests = new LoggedRequests();
        requests.send(rest, service);

        List<JsonNode> lines = new ArrayList<>();
        for (String line : serviceLines(output)) {
            if (!line.isBlank()) {
                JsonNode json = ONE_JSON_VALUE.readValue(line);
                assertThat(json.isObject()).as(line).isTrue();
                lines.add(json);
            }
        }
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.fieldNames()).toIterable()
                    .contains("timestamp", "level", "logger", "thread", "message", "application", "instance");
            assertThat(line.get("application").asText()).isEqualTo("customer");
            assertThat(line.get("instance").asText()).isNotBlank();
        });

        JsonNode request = withMessage(lines, "GET \"/customers/1234?id_token=");
        // The port the service really listens on (a random one here), known once its web server started.
        assertThat(request.get("instance").asText()).endsWith(":" + port);
        assertThat(request.get("message").asText()).contains("id_token=****").contains("authorization:****");
        JsonNode failure = withMessage(lines, "Unhandled error on /customers/1234");
        assertThat(failure.get("level").asText()).isEqualTo("ERROR");
        assertThat(failure.get("stackTrace").asText())
                .contains("IllegalStateException: lookup refused token **** at http://customer:****@eureka-server:8761/eureka/")
                .contains("\n\tat ");

        // The access log: the client's address and the token's subject, in the message and as fields.
        JsonNode access = withMessage(lines, "GET /customers/1234 500 ");
        assertThat(access.get("message").asText()).endsWith(" ms client=127.0.0.1 subject=header");
        assertThat(access.get("client").asText()).isEqualTo("127.0.0.1");
        assertThat(access.get("subject").asText()).isEqualTo("header");
        JsonNode refused = withMessage(lines, "GET /customers 401 ");
        assertThat(refused.get("subject").asText()).as("a refused Basic login is nobody").isEqualTo("-");

        assertThat(requests.secrets()).allSatisfy(secret -> assertThat(output.getAll()).doesNotContain(secret));
    }

    /**
     * Behind the gateway the client is the one the gateway names in X-Forwarded-For (Tomcat's RemoteIpValve,
     * server.forward-headers-strategy native, trusts it from a loopback or private address: the gateway's).
     */
    @Test
    void theClientIsTheOneTheGatewayForwards(CapturedOutput output) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Forwarded-For", "203.0.113.7");
        assertThat(rest.exchange("/customers/1234", HttpMethod.GET, new HttpEntity<>(headers), String.class)
                .getStatusCodeValue()).isEqualTo(401);
        JsonNode access = withMessage(jsonLines(output), "GET /customers/1234 401 ");
        assertThat(access.get("client").asText()).isEqualTo("203.0.113.7");
        assertThat(access.get("subject").asText()).isEqualTo("-");
    }

    private static List<JsonNode> jsonLines(CapturedOutput output) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : serviceLines(output)) {
            if (!line.isBlank()) {
                lines.add(ONE_JSON_VALUE.readValue(line));
            }
        }
        return lines;
    }

    /**
     * The output from the service's start on. Run first in its JVM, the test framework (and Spring, as the test
     * framework prepares the environment) logs a few lines before Spring Boot configures Logback, in Logback's
     * own default layout. A service started from its jar logs nothing before that: Spring Boot holds every line
     * back until Logback is configured.
     */
    private static List<String> serviceLines(CapturedOutput output) {
        return output.getOut().lines().dropWhile(line -> TEST_FRAMEWORK_BEFORE_START.matcher(line).matches())
                .collect(Collectors.toList());
    }

    private static JsonNode withMessage(List<JsonNode> lines, String start) {
        return lines.stream().filter(line -> line.get("message").asText().startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting " + start));
    }
}
