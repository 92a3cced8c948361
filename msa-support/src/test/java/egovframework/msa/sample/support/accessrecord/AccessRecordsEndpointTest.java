package egovframework.msa.sample.support.accessrecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import egovframework.msa.sample.support.problem.ProblemBody;
import egovframework.msa.sample.support.problem.ProblemExceptionHandler;
import egovframework.msa.sample.support.problem.Problems;
import egovframework.msa.sample.support.security.ResourceServer;
import egovframework.msa.sample.support.security.TokenProperties;
import egovframework.msa.sample.support.security.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.LocalServerPort;
import org.springframework.boot.actuate.autoconfigure.web.server.LocalManagementPort;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityConfigurerAdapter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service that keeps access records, over real HTTP: a request with a token is recorded with the token's
 * subject, the client address, the action, the customer and the result (an exception handler's status too);
 * operators read and filter the records on the management port with their login, a bad filter is a 400 problem,
 * and verify answers 200 for an intact chain and 409 naming the record for a changed one.
 */
@SpringBootTest(classes = AccessRecordsEndpointTest.NoteService.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=note", "management.server.port=0",
                "management.endpoints.web.exposure.include=health,accessrecords",
                "spring.datasource.url=jdbc:h2:mem:endpoint-${random.uuid};DB_CLOSE_DELAY=-1",
                "spring.flyway.locations=" + AccessRecordTables.MIGRATIONS, "suite.schema.migrate-on-start=true",
                "suite.security.jwt.hmac-secret=" + AccessRecordsEndpointTest.SECRET,
                "suite.management.username=operator", "suite.management.password=" + AccessRecordsEndpointTest.OPERATOR_PASSWORD,
                "suite.management.stream-key=stream-key-of-the-test",
                "suite.management.metrics.username=metrics", "suite.management.metrics.password=metrics-password",
                "suite.access-records.queue-capacity=100", "suite.access-records.batch-size=10",
                "suite.access-records.retry-interval=100ms", "suite.access-records.stop-timeout=2s",
                "eureka.client.enabled=false", "spring.zipkin.enabled=false"})
class AccessRecordsEndpointTest {

    static final String SECRET = "test-key-of-at-least-thirty-two-bytes-0123456789";
    static final String OPERATOR_PASSWORD = "operator-password-of-the-test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Autowired
    JdbcTemplate sql;

    /** A service with personal data behind a token, as customer-service is. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({Notes.class, NoteProblems.class, NoteSecurity.class})
    static class NoteService {
    }

    @RestController
    static class Notes {
        private final AccessRecords records;

        Notes(AccessRecords records) {
            this.records = records;
        }

        @GetMapping("/notes/{id}")
        String note(@PathVariable String id) {
            records.open(AccessAction.READ, id);
            if (id.equals("404")) {
                throw new NoSuchNote();
            }
            return "{\"id\":\"" + id + "\"}";
        }
    }

    static class NoSuchNote extends RuntimeException {
    }

    @RestControllerAdvice
    static class NoteProblems extends ProblemExceptionHandler {
        @ExceptionHandler(NoSuchNote.class)
        ResponseEntity<ProblemBody> notFound(NoSuchNote ex, WebRequest request) {
            return Problems.of(HttpStatus.NOT_FOUND, "No such note", path(request));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class NoteSecurity extends WebSecurityConfigurerAdapter {
        @Override
        protected void configure(HttpSecurity http) throws Exception {
            ResourceServer.configure(http, rules -> rules.antMatchers("/notes/**").authenticated());
        }
    }

    @Test
    void aReadWithATokenIsRecordedWithItsSubjectAddressActionCustomerAndResult() throws Exception {
        String subject = "tester-" + UUID.randomUUID();
        Instant before = Instant.now().minusSeconds(1);
        assertThat(send(app("/notes/4711"), "Bearer " + token(subject)).statusCode()).isEqualTo(200);
        assertThat(send(app("/notes/404"), "Bearer " + token(subject)).statusCode()).isEqualTo(404);

        JsonNode records = eventuallyRecords("?account=" + subject, 2);

        JsonNode notFound = records.get(0);
        JsonNode read = records.get(1);
        assertThat(read.get("account").asText()).isEqualTo(subject);
        assertThat(read.get("clientAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(read.get("action").asText()).isEqualTo("read");
        assertThat(read.get("customers")).extracting(JsonNode::asText).containsExactly("4711");
        assertThat(read.get("result").asText()).isEqualTo("ok");
        assertThat(read.get("hash").asText()).matches("[0-9a-f]{64}");
        assertThat(Instant.parse(read.get("accessedAt").asText())).isAfter(before).isBefore(Instant.now());
        assertThat(notFound.get("result").asText()).as("the exception handler's status").isEqualTo("not-found");
        assertThat(notFound.get("id").asLong()).isGreaterThan(read.get("id").asLong());
    }

    @Test
    void theFiltersSelectByCustomerAndTimeAndAPageEndsWithWhereTheNextBegins() throws Exception {
        String subject = "filter-" + UUID.randomUUID();
        for (String note : List.of("1", "2", "3")) {
            send(app("/notes/" + note), "Bearer " + token(subject));
        }
        eventuallyRecords("?account=" + subject, 3);

        JsonNode two = json(management("/actuator/accessrecords?account=" + subject + "&customer=2", operator()));
        assertThat(two.get("records")).hasSize(1);
        assertThat(two.get("records").get(0).get("customers").get(0).asText()).isEqualTo("2");

        HttpResponse<String> page = management("/actuator/accessrecords?account=" + subject + "&size=2", operator());
        assertThat(json(page).get("records")).hasSize(2);
        long next = json(page).get("nextBefore").asLong();
        JsonNode rest = json(management("/actuator/accessrecords?account=" + subject + "&before=" + next, operator()));
        assertThat(rest.get("records")).hasSize(1);
        assertThat(rest.get("nextBefore").isNull()).isTrue();

        String future = "2999-01-01T00:00:00%2B09:00";
        assertThat(json(management("/actuator/accessrecords?account=" + subject + "&from=" + future, operator()))
                .get("records")).isEmpty();
        assertThat(json(management("/actuator/accessrecords?account=" + subject + "&to=" + future, operator()))
                .get("records")).hasSize(3);
    }

    @Test
    void aBadOrUnknownFilterIsA400ProblemNamingIt() throws Exception {
        for (String query : List.of("from=yesterday", "to=2026-03-01", "size=0", "size=501", "before=-1", "acount=alice",
                "from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z")) {
            HttpResponse<String> response = management("/actuator/accessrecords?" + query, operator());
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(query).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            assertThat(json(response).get("errors").get(0).get("field").asText()).as(query)
                    .isEqualTo(query.contains("&") ? "to" : query.substring(0, query.indexOf('=')));
        }
    }

    @Test
    void onlyTheOperatorsLoginReadsTheRecords() throws Exception {
        assertThat(management("/actuator/accessrecords", null).statusCode()).isEqualTo(401);
        assertThat(management("/actuator/accessrecords", basic("metrics", "metrics-password")).statusCode()).isEqualTo(403);
        assertThat(management("/actuator/accessrecords/verify", basic("operator", "wrong")).statusCode()).isEqualTo(401);
        assertThat(send(app("/notes/1"), null).statusCode()).isEqualTo(401);
    }

    @Test
    void verifyAnswers200WhenIntactAnd409NamingTheRecordWhenOneWasChanged() throws Exception {
        send(app("/notes/77"), "Bearer " + token("verifier"));
        eventuallyRecords("?account=verifier", 1);

        HttpResponse<String> intact = management("/actuator/accessrecords/verify", operator());
        assertThat(intact.statusCode()).isEqualTo(200);
        assertThat(json(intact).get("intact").asBoolean()).isTrue();
        assertThat(json(intact).get("line").asText()).startsWith("note: access records intact: ");

        long id = sql.queryForObject("SELECT MAX(id) FROM access_record WHERE account = 'verifier'", Long.class);
        sql.update("UPDATE access_record SET account = 'someone-else' WHERE id = ?", id);
        try {
            HttpResponse<String> broken = send(HttpRequest.newBuilder(URI.create(managementUrl("/actuator/accessrecords/verify")))
                    .header("Authorization", operator()).header("Accept", "text/plain"));
            assertThat(broken.statusCode()).isEqualTo(409);
            assertThat(broken.body()).startsWith("access records BROKEN at record #" + id + ": its fields do not match its hash")
                    .endsWith("\n").hasLineCount(1);
        } finally {
            sql.update("UPDATE access_record SET account = 'verifier' WHERE id = ?", id);
        }
        assertThat(management("/actuator/accessrecords/verify", operator()).statusCode()).isEqualTo(200);
    }

    @Test
    void whileTheDatabaseTakesNoRecordsRequestsAreRefusedWith503OnceThePlacesAreTakenAndNoRecordIsLost() throws Exception {
        String subject = "outage-" + UUID.randomUUID();
        sql.execute("ALTER TABLE access_record_head RENAME TO access_record_head_away");
        int served = 0;
        HttpResponse<String> refused;
        try {
            while ((refused = send(app("/notes/" + served), "Bearer " + token(subject))).statusCode() == 200) {
                served++;
                assertThat(served).as("refused once the 100 places are taken").isLessThanOrEqualTo(100);
            }
        } finally {
            sql.execute("ALTER TABLE access_record_head_away RENAME TO access_record_head");
        }

        assertThat(served).isEqualTo(100);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        assertThat(json(refused).get("detail").asText()).contains("access records cannot be kept");
        JsonNode page = eventuallyRecords("?account=" + subject + "&size=500", 100);
        assertThat(page).allSatisfy(record -> assertThat(record.get("result").asText()).isEqualTo("ok"));
        assertThat(json(management("/actuator/accessrecords/verify", operator())).get("intact").asBoolean()).isTrue();
    }

    @Test
    void recordsThatCannotBeReadAreA503NotAnErrorPage() throws Exception {
        sql.execute("ALTER TABLE access_record_anchor RENAME TO access_record_anchor_away");
        try {
            HttpResponse<String> json = management("/actuator/accessrecords/verify", operator());
            assertThat(json.statusCode()).isEqualTo(503);
            assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            HttpResponse<String> text = send(HttpRequest.newBuilder(URI.create(managementUrl("/actuator/accessrecords/verify")))
                    .header("Authorization", operator()).header("Accept", "text/plain"));
            assertThat(text.statusCode()).isEqualTo(503);
            assertThat(text.body()).isEqualTo("access records not checked: the database does not answer\n");
        } finally {
            sql.execute("ALTER TABLE access_record_anchor_away RENAME TO access_record_anchor");
        }
    }

    private JsonNode eventuallyRecords(String query, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            JsonNode records = json(management("/actuator/accessrecords" + query, operator())).get("records");
            if (records.size() >= count || System.nanoTime() > deadline) {
                assertThat(records).hasSize(count);
                return records;
            }
            Thread.sleep(50);
        }
    }

    private static String token(String subject) {
        return Tokens.mint(new TokenProperties(SECRET, null, null, null, null, null), subject, List.of("notes"), List.of(),
                Duration.ofMinutes(5), Clock.systemUTC());
    }

    private String app(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private String managementUrl(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    private static String operator() {
        return basic("operator", OPERATOR_PASSWORD);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> management(String path, String authorization) throws IOException, InterruptedException {
        return send(managementUrl(path), authorization);
    }

    private static HttpResponse<String> send(String url, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
