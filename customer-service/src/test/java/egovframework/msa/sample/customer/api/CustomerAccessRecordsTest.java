package egovframework.msa.sample.customer.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import egovframework.msa.sample.customer.ConfigRepo;
import egovframework.msa.sample.support.security.TokenProperties;
import egovframework.msa.sample.support.security.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.web.server.LocalManagementPort;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * customer-service over real HTTP, with its own schema (V6) on H2 and config-repo's settings: every read, list,
 * registration, change and deletion is recorded with the token's subject, the client's address, the customers
 * and the result, and an operator finds them at /actuator/accessrecords on the management port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"spring.application.name=customer",
        ConfigRepo.NAMES, ConfigRepo.LOCATION, "spring.datasource.url=jdbc:h2:mem:records-${random.uuid};DB_CLOSE_DELAY=-1",
        "suite.security.jwt.hmac-secret=" + CustomerAccessRecordsTest.SECRET, "management.server.port=0",
        "spring.rabbitmq.port=1", "suite.events.relay.enabled=false"})
class CustomerAccessRecordsTest {

    static final String SECRET = "test-key-of-at-least-thirty-two-bytes-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String NEW_CUSTOMER = "{\"name\":\"이순신\",\"email\":\"%s@example.go.kr\",\"phone\":\"010-2345-6789\","
            + "\"address\":{\"zipCode\":\"30103\",\"street\":\"세종특별자치시 도움6로 11\"}}";

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Value("${suite.management.username}")
    String operator;
    @Value("${suite.management.password}")
    String operatorPassword;

    @Test
    void everyAccessIsRecordedWithTheTokensSubjectTheAddressTheCustomersAndTheResult() throws Exception {
        String subject = "clerk-" + UUID.randomUUID();
        String token = token(subject, "customers:write");

        assertThat(call("GET", "/customers/1234", token, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/customers/99999", token, null).statusCode()).isEqualTo(404);
        HttpResponse<String> page = call("GET", "/customers?size=3", token, null);
        List<String> onThePage = new ArrayList<>();
        JSON.readTree(page.body()).get("content").forEach(c -> onThePage.add(c.get("id").asText()));
        String email = "records-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> registered = call("POST", "/customers", token, String.format(NEW_CUSTOMER, email));
        assertThat(registered.statusCode()).isEqualTo(201);
        String id = JSON.readTree(registered.body()).get("id").asText();
        assertThat(call("POST", "/customers", token, "{\"name\":\" \"}").statusCode()).isEqualTo(400);
        assertThat(call("PUT", "/customers/" + id, token, String.format(NEW_CUSTOMER, email + "-2")).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/customers", token, String.format(NEW_CUSTOMER, email + "-2")).statusCode()).isEqualTo(409);
        assertThat(call("DELETE", "/customers/" + id, token, null).statusCode()).isEqualTo(204);

        List<String> seen = new ArrayList<>();
        for (JsonNode record : records("?account=" + subject, 8)) {
            assertThat(record.get("account").asText()).isEqualTo(subject);
            assertThat(record.get("clientAddress").asText()).isEqualTo("127.0.0.1");
            assertThat(record.get("traceId").asText()).as("Sleuth's trace id").matches("[0-9a-f]{16,32}");
            List<String> customers = new ArrayList<>();
            record.get("customers").forEach(c -> customers.add(c.asText()));
            seen.add(0, record.get("action").asText() + " " + record.get("result").asText() + " " + customers);
        }
        assertThat(seen).containsExactly("read ok [1234]", "read not-found [99999]", "list ok " + onThePage,
                "register ok [" + id + "]", "register invalid []", "change ok [" + id + "]", "register conflict []",
                "delete ok [" + id + "]");
        assertThat(onThePage).hasSize(3);

        HttpResponse<String> verify = management("/actuator/accessrecords/verify");
        assertThat(verify.statusCode()).as(verify.body()).isEqualTo(200);
        assertThat(JSON.readTree(verify.body()).get("line").asText()).startsWith("customer: access records intact: ");
    }

    @Test
    void aRequestRefusedByTheSecurityChainTouchesNoDataAndIsNotAnAccess() throws Exception {
        String reader = "reader-" + UUID.randomUUID();
        assertThat(call("GET", "/customers/1234", null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/customers/1234", token(reader, "something:else"), null).statusCode()).isEqualTo(403);
        // A read after these two is recorded, and is the reader's only record: neither of the refused ones is one.
        assertThat(call("GET", "/customers/1234", token(reader, "customers:read"), null).statusCode()).isEqualTo(200);
        assertThat(records("?account=" + reader, 1).get(0).get("result").asText()).isEqualTo("ok");
        assertThat(page("?account=anonymous")).isEmpty();
    }

    private static String token(String subject, String scope) {
        return "Bearer " + Tokens.mint(new TokenProperties(SECRET, null, null, null, null, null), subject, List.of(scope),
                List.of(), Duration.ofMinutes(5), Clock.systemUTC());
    }

    /** The records the query finds once {@code count} are there (they are written just after their requests). */
    private List<JsonNode> records(String query, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<JsonNode> records = page(query);
        while (records.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
            records = page(query);
        }
        assertThat(records).hasSize(count);
        return records;
    }

    private List<JsonNode> page(String query) throws Exception {
        HttpResponse<String> response = management("/actuator/accessrecords" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> records = new ArrayList<>();
        JSON.readTree(response.body()).get("records").forEach(records::add);
        return records;
    }

    private HttpResponse<String> management(String path) throws IOException, InterruptedException {
        String login = Base64.getEncoder().encodeToString((operator + ":" + operatorPassword).getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .header("Authorization", "Basic " + login).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(String method, String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
