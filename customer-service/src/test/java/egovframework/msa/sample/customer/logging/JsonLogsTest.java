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

        assertThat(requests.secrets()).allSatisfy(secret -> assertThat(output.getAll()).doesNotContain(secret));
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
