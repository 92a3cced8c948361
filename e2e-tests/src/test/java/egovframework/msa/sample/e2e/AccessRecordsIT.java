package egovframework.msa.sample.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import egovframework.msa.sample.launcher.AccessRecordChecks;
import egovframework.msa.sample.launcher.DevelopmentTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access records (개인정보 접속기록) on the running suite: a read through the gateway with a token for a subject
 * nobody used before is in customer-service's records with that subject and the client's address; catalogs records
 * a customer it shows unmasked, in its own records, and not one it shows masked; and ./suite access-records verify
 * finds every running instance's chain intact.
 */
@ExtendWith(RunningSuite.class)
class AccessRecordsIT {

    private static final String GATEWAY = RunningSuite.url("zuul-gateway", "");
    private static final Duration WRITTEN = Duration.ofSeconds(15);

    private static String subject() {
        return "e2e-" + UUID.randomUUID().toString().substring(0, 12);
    }

    private static String token(String subject, String scope) {
        return DevelopmentTokens.mint(RunningSuite.tokenKey(), subject, List.of(scope), List.of(), Duration.ofMinutes(10));
    }

    @Test
    void aReadThroughTheGatewayIsRecordedWithTheTokensSubjectAndTheClientAddress() {
        String subject = subject();
        Instant before = Instant.now().minusSeconds(1);

        assertThat(Http.get(GATEWAY + "/customers/1234", "application/json", token(subject, "customers:read")).statusCode())
                .isEqualTo(200);

        List<JsonNode> records = awaitRecords("customer-service", subject, 1);
        JsonNode record = records.get(0);
        assertThat(record.get("account").asText()).isEqualTo(subject);
        assertThat(record.get("action").asText()).isEqualTo("read");
        assertThat(texts(record.get("customers"))).containsExactly("1234");
        assertThat(record.get("clientAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(record.get("result").asText()).isEqualTo("ok");
        assertThat(record.get("traceId").asText()).matches("[0-9a-f]{16,32}");
        assertThat(Instant.parse(record.get("accessedAt").asText())).isAfter(before).isBefore(Instant.now());
    }

    @Test
    void catalogsRecordsACustomerItShowsUnmaskedAndNotOneItShowsMasked() {
        String entitled = subject();
        String notEntitled = subject();

        JsonNode masked = Http.json(Http.get(GATEWAY + "/catalogs/customerinfo/1234", "application/json",
                token(notEntitled, "catalogs:read")));
        assertThat(masked.get("masked").asBoolean()).isTrue();
        JsonNode shown = Http.json(Http.get(GATEWAY + "/catalogs/customerinfo/1234", "application/json",
                token(entitled, "customers:read")));
        assertThat(shown.get("masked").asBoolean()).isFalse();
        assertThat(shown.get("fallback").asBoolean()).isFalse();

        JsonNode record = awaitRecords("catalogs-service", entitled, 1).get(0);
        assertThat(record.get("action").asText()).isEqualTo("read");
        assertThat(texts(record.get("customers"))).containsExactly("1234");
        assertThat(record.get("result").asText()).isEqualTo("ok");
        assertThat(record.get("clientAddress").asText()).isEqualTo("127.0.0.1");
        // The masked answer came first, so its record would be there by now: there is none.
        assertThat(records("catalogs-service", "?account=" + notEntitled)).isEmpty();
        // Both lookups read customer-service in catalogs' own name: customer-service recorded them so.
        assertThat(records("customer-service", "?account=catalogs-service&customer=1234&from="
                + Instant.now().minusSeconds(120).toString().replace(":", "%3A"))).isNotEmpty();
    }

    @Test
    void theSuitesVerifyFindsTheChainOfEveryRunningInstanceIntact() {
        Http.get(GATEWAY + "/customers/1234", "application/json", RunningSuite.readToken());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int status = new AccessRecordChecks(RunningSuite.launcher(), new PrintStream(printed, true, StandardCharsets.UTF_8))
                .verify(Map.of());

        List<String> lines = new String(printed.toByteArray(), StandardCharsets.UTF_8).lines().collect(Collectors.toList());
        assertThat(status).as(String.join("\n", lines)).isZero();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("customer-service: access records intact: ").containsPattern("last #\\d+ hash [0-9a-f]{64}");
        assertThat(lines.get(1)).startsWith("catalogs-service: access records intact: ");
    }

    /** The service's records for {@code account} once there are {@code count} (the writer runs just after the request). */
    private static List<JsonNode> awaitRecords(String service, String account, int count) {
        Instant deadline = Instant.now().plus(WRITTEN);
        List<JsonNode> records = records(service, "?account=" + account);
        while (records.size() < count && Instant.now().isBefore(deadline)) {
            RunningSuite.pause(Duration.ofMillis(200));
            records = records(service, "?account=" + account);
        }
        assertThat(records).as(service + " records of " + account).hasSize(count);
        return records;
    }

    private static List<JsonNode> records(String service, String query) {
        HttpResponse<byte[]> response = Http.send(HttpRequest.newBuilder(URI.create(
                RunningSuite.management(service, "/actuator/accessrecords" + query)))
                .header("Authorization", RunningSuite.MANAGEMENT_LOGIN));
        assertThat(response.statusCode()).as(Http.text(response)).isEqualTo(200);
        List<JsonNode> records = new ArrayList<>();
        Http.json(response).get("records").forEach(records::add);
        return records;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
