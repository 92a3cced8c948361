package egovframework.msa.sample.support.logging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.List;

import static net.logstash.logback.argument.StructuredArguments.kv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * msa-support's logback-spring.xml as Spring Boot starts it: plain lines without a profile, one JSON object
 * per line in json-logs, docker and k8s, secrets masked in both. Each test starts its own application, so
 * Logback is configured for it whatever ran before.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogLayoutTest {

    private static final Logger log = LoggerFactory.getLogger(LogLayoutTest.class);
    /** One JSON value per line and nothing after it. */
    private static final ObjectReader JSON = new ObjectMapper().readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsb2ctdGVzdCJ9.bG9nLXRlc3Qtc2lnbmF0dXJl";
    private static final String PASSWORD = "pw-in-a-url-7c1d";
    /** What a caller would like to read as a line of its own, after its text. */
    private static final String FORGED_LINE = "2026-01-01 12:00:00.000  INFO 1 --- [main] o.s.Forged : granted";
    private static final String FORGED_ID = "m-1\r\n" + FORGED_LINE + "\nx-admin";

    @ParameterizedTest
    @ValueSource(strings = {"json-logs", "docker", "k8s"})
    void jsonProfilesWriteOneJsonObjectPerLineWithTheFieldsAndNoSecret(String profile, CapturedOutput output)
            throws Exception {
        try (ConfigurableApplicationContext context = start(profile)) {
            MDC.put("traceId", "5b8aa5a2d2c872e8321cf37308d69df2");
            MDC.put("spanId", "c8f0bb0b95a3a4f1");
            try {
                log.info("Calling http://customer:{}@localhost:8761/eureka/ with Bearer {}", PASSWORD, TOKEN);
            } finally {
                MDC.clear();
            }
            log.error("Lookup failed", new IllegalStateException("token " + TOKEN + " refused",
                    new IllegalArgumentException("password=" + PASSWORD)));
        }

        List<JsonNode> lines = jsonLines(output);
        assertThat(lines).allSatisfy(line -> assertThat(line.fieldNames()).toIterable()
                .contains("timestamp", "level", "logger", "thread", "message", "application", "instance"));
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.get("application").asText()).isEqualTo("layout-test");
            assertThat(line.get("instance").asText()).endsWith(":8123");
        });
        JsonNode call = find(lines, "Calling ");
        assertThat(call.get("message").asText())
                .isEqualTo("Calling http://customer:****@localhost:8761/eureka/ with Bearer ****");
        assertThat(call.get("traceId").asText()).isEqualTo("5b8aa5a2d2c872e8321cf37308d69df2");
        assertThat(call.get("spanId").asText()).isEqualTo("c8f0bb0b95a3a4f1");
        JsonNode failure = find(lines, "Lookup failed");
        assertThat(failure.get("level").asText()).isEqualTo("ERROR");
        assertThat(failure.get("stackTrace").asText()).contains("IllegalStateException: token **** refused")
                .contains("password=****").contains("\n\tat ");
        assertThat(output.getOut()).doesNotContain(TOKEN).doesNotContain(PASSWORD);
    }

    @Test
    void withoutAProfileTheLinesArePlainTextAndMasked(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start()) {
            log.info("Calling http://customer:{}@localhost:8761/eureka/ with Bearer {}", PASSWORD, TOKEN);
            log.error("Lookup failed", new IllegalStateException("token " + TOKEN + " refused"));
        }

        assertThat(output.getOut()).contains("Calling http://customer:****@localhost:8761/eureka/ with Bearer ****")
                .contains("java.lang.IllegalStateException: token **** refused")
                .doesNotContain(TOKEN).doesNotContain(PASSWORD);
        String line = output.getOut().lines().filter(l -> l.contains("Calling ")).findFirst().orElseThrow();
        assertThat(line).contains(" INFO ").contains(".LogLayoutTest ");
        assertThat(line).doesNotStartWith("{");
        assertThatThrownBy(() -> JSON.readTree(line)).isInstanceOf(JsonProcessingException.class);
    }

    /** Text from outside with CR/LF (a DLQ message id, a path) cannot start a line of its own in either layout. */
    @Test
    void theCallersLineBreaksAreEscapedInThePlainLayout(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start()) {
            log.warn("Rejected message {}", FORGED_ID);
            log.error("Lookup failed", new IllegalArgumentException("For input string: \"" + FORGED_ID + "\"",
                    new IllegalStateException("cause " + FORGED_ID)));
        }

        assertThat(output.getOut().lines()).as("no line starts where the caller's text wanted one")
                .noneMatch(line -> line.startsWith(FORGED_LINE)).noneMatch(line -> line.startsWith("x-admin"));
        assertThat(output.getOut()).contains("Rejected message m-1\\r\\n" + FORGED_LINE + "\\nx-admin")
                .contains("java.lang.IllegalArgumentException: For input string: \"m-1\\r\\n" + FORGED_LINE)
                .contains("Caused by: java.lang.IllegalStateException: cause m-1\\r\\n" + FORGED_LINE)
                .contains("\n\tat ");
    }

    @Test
    void theJsonLayoutKeepsTheCallersLineBreaksInsideOneValue(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = start("json-logs")) {
            log.warn("Rejected message {}", FORGED_ID);
        }

        List<JsonNode> lines = jsonLines(output);
        assertThat(find(lines, "Rejected message").get("message").asText()).isEqualTo("Rejected message " + FORGED_ID);
        assertThat(output.getOut().lines()).noneMatch(line -> line.startsWith(FORGED_LINE));
    }

    /** The access log's named values (StructuredArguments) are fields of their own in JSON, and text in both. */
    @Test
    void namedValuesAreJsonFieldsToo(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = start("json-logs")) {
            log.info("GET /customers/1234 200 3 ms {} {}", kv("client", "203.0.113.7"), kv("subject", "hong"));
        }
        JsonNode line = find(jsonLines(output), "GET /customers/1234");
        assertThat(line.get("message").asText()).isEqualTo("GET /customers/1234 200 3 ms client=203.0.113.7 subject=hong");
        assertThat(line.get("client").asText()).isEqualTo("203.0.113.7");
        assertThat(line.get("subject").asText()).isEqualTo("hong");
    }

    private static ConfigurableApplicationContext start(String... profiles) {
        return new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE).profiles(profiles)
                .properties("spring.application.name=layout-test", "server.port=8123").run();
    }

    private static List<JsonNode> jsonLines(CapturedOutput output) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.getOut().split("\n")) {
            if (!line.isBlank()) {
                JsonNode node = JSON.readTree(line);
                assertThat(node.isObject()).as(line).isTrue();
                lines.add(node);
            }
        }
        assertThat(lines).isNotEmpty();
        return lines;
    }

    private static JsonNode find(List<JsonNode> lines, String messageStart) {
        return lines.stream().filter(l -> l.get("message").asText().startsWith(messageStart)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting " + messageStart + " in " + lines));
    }

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }
}
