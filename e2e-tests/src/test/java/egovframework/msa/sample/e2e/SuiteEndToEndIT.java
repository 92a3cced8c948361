package egovframework.msa.sample.e2e;

import egovframework.msa.sample.launcher.DevelopmentTokens;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole topology, as a user runs it: the packaged jars started by the same launcher as
 * {@code ./suite up}, config served from a real git repository seeded from config-repo/, and every
 * request through the gateway. Each test leaves the suite as it found it, so they run in any order.
 */
@ExtendWith(RunningSuite.class)
class SuiteEndToEndIT {

    private static final String GATEWAY = RunningSuite.url("zuul-gateway", "");
    // Operations endpoints (refresh, hystrix.stream) are on the management ports.
    private static final String CUSTOMER_MANAGEMENT = RunningSuite.management("customer-service", "");
    private static final String CATALOGS_MANAGEMENT = RunningSuite.management("catalogs-service", "");
    private static final String KOREAN_NAME = "홍길동";
    private static final Pattern ENVELOPE = Pattern.compile("\\[Customer id = 1234 at (\\d{13}) (.+) \\]");

    @Test
    void guideEnvelopeCarriesTheCustomerFromTheDatabaseWithKoreanIntact() {
        long before = System.currentTimeMillis();
        // With a token that may read customers: the display shows personal data in full (GatewaySecurityIT
        // checks the masked form anonymous callers get).
        HttpResponse<byte[]> response = Http.get(GATEWAY + "/catalogs/customerinfo/1234", "*/*", RunningSuite.readToken());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
        Matcher envelope = ENVELOPE.matcher(Http.text(response));
        assertThat(envelope.matches()).as("guide envelope: " + Http.text(response)).isTrue();
        assertThat(Long.parseLong(envelope.group(1))).isBetween(before - 5_000, System.currentTimeMillis() + 5_000);

        JsonNode customer = Http.json(Http.get(GATEWAY + "/customers/1234", "application/json", RunningSuite.readToken()));
        assertThat(customer.get("name").asText()).isEqualTo(KOREAN_NAME);
        assertThat(envelope.group(2)).contains("name=" + KOREAN_NAME).contains(customer.get("email").asText());
        assertThat(indexOf(response.body(), KOREAN_NAME.getBytes(StandardCharsets.UTF_8)))
                .as("UTF-8 bytes of the Korean name").isPositive();

        JsonNode json = Http.json(Http.get(GATEWAY + "/catalogs/customerinfo/1234", "application/json",
                RunningSuite.readToken()));
        assertThat(json.get("customerId").asText()).isEqualTo("1234");
        assertThat(json.get("fallback").asBoolean()).isFalse();
        assertThat(json.at("/customer/name").asText()).isEqualTo(KOREAN_NAME);
    }

    @Test
    void configValueFromTheGitRepositoryIsInEffectAndRefreshesWithoutRestart() throws Exception {
        int configured = pagingDefaultSizeIn(RunningSuite.root().resolve("config-repo/customer.yml"));
        assertThat(pageSize()).isEqualTo(configured);

        int changed = configured + 3;
        Path file = RunningSuite.launcher().layout().configGitDir().resolve("customer.yml");
        String yaml = Files.readString(file);
        try {
            commit(file, yaml.replaceFirst("default-size: " + configured, "default-size: " + changed), "e2e: change customer page size");
            assertThat(pageSize()).as("before refresh").isEqualTo(configured);

            HttpResponse<byte[]> refresh = refreshCustomerService();
            assertThat(refresh.statusCode()).isEqualTo(200);
            assertThat(Http.text(refresh)).contains("customer.paging.default-size");
            assertThat(pageSize()).as("after refresh").isEqualTo(changed);
        } finally {
            commit(file, yaml, "e2e: page size back");
            refreshCustomerService();
            // A refresh takes customer-service out of Eureka and registers it again: the gateway may drop it meanwhile.
            RunningSuite.awaitRouted();
        }
        assertThat(pageSize()).as("after the refresh back").isEqualTo(configured);
    }

    private static void commit(Path file, String content, String message) throws Exception {
        Files.writeString(file, content);
        try (Git git = Git.open(file.getParent().toFile())) {
            git.add().addFilepattern(file.getFileName().toString()).call();
            git.commit().setMessage(message).call();
        }
    }

    private static HttpResponse<byte[]> refreshCustomerService() {
        return Http.send(HttpRequest.newBuilder(URI.create(CUSTOMER_MANAGEMENT + "/actuator/refresh"))
                .header("Authorization", RunningSuite.MANAGEMENT_LOGIN).POST(HttpRequest.BodyPublishers.noBody()));
    }

    @Test
    void eurekaListsEveryRegisteringService() {
        assertThat(Http.get(RunningSuite.url("eureka-server", "/eureka/apps"), "application/json").statusCode())
                .as("the registry needs credentials").isEqualTo(401);
        JsonNode apps = Http.json(Http.send(HttpRequest.newBuilder(URI.create(RunningSuite.url("eureka-server", "/eureka/apps")))
                .header("Accept", "application/json").header("Authorization", DevelopmentTokens.basic(RunningSuite.EUREKA_USER, RunningSuite.EUREKA_PASSWORD))))
                .at("/applications/application");
        List<String> up = new ArrayList<>();
        apps.forEach(app -> app.get("instance").forEach(instance -> {
            if ("UP".equals(instance.get("status").asText())) {
                up.add(app.get("name").asText());
            }
        }));
        assertThat(up).contains("CATALOGS", "CUSTOMER", "ZUUL-GATEWAY", "TURBINE-DASHBOARD");
    }

    @Test
    void clientMistakesGetJsonProblemsThroughTheGateway() {
        int customersBefore = customerCount();
        HttpResponse<byte[]> malformedId = Http.get(GATEWAY + "/customers/abc", "application/json", RunningSuite.readToken());
        assertProblem(malformedId, 400);
        assertThat(Http.json(malformedId).at("/errors/0/field").asText()).isEqualTo("id");

        HttpResponse<byte[]> invalidBody = Http.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/customers"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + RunningSuite.writeToken())
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + KOREAN_NAME + "\",\"email\":\"not-an-email\","
                        + "\"phone\":\"010-1111-2222\",\"address\":{\"zipCode\":\"30103\",\"street\":\"세종\"}}")));
        assertProblem(invalidBody, 400);
        assertThat(Http.json(invalidBody).at("/errors/0/field").asText()).isEqualTo("email");

        HttpResponse<byte[]> unknown = Http.get(GATEWAY + "/customers/987654321", "application/json", RunningSuite.readToken());
        assertProblem(unknown, 404);

        // The seed's customer 1234 has this address: neither a new customer nor 1235 may take it (EmailUniqueness).
        String taken = "{\"name\":\"성춘향\",\"email\":\"Gildong.Hong@example.go.kr\",\"phone\":\"010-2345-6789\","
                + "\"address\":{\"zipCode\":\"54999\",\"street\":\"전북특별자치도 남원시 요천로 1447\"}}";
        for (HttpRequest.Builder duplicate : List.of(HttpRequest.newBuilder(URI.create(GATEWAY + "/customers"))
                .POST(HttpRequest.BodyPublishers.ofString(taken)), HttpRequest.newBuilder(URI.create(GATEWAY + "/customers/1235"))
                .PUT(HttpRequest.BodyPublishers.ofString(taken)))) {
            HttpResponse<byte[]> conflict = Http.send(duplicate.header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + RunningSuite.writeToken()));
            assertProblem(conflict, 409);
            assertThat(Http.json(conflict).at("/errors/0/field").asText()).isEqualTo("email");
            assertThat(Http.text(conflict)).as("the problem does not echo the address").doesNotContain("Gildong.Hong").doesNotContain("gildong.hong");
        }
        assertThat(Http.json(Http.get(GATEWAY + "/customers/1235", "application/json", RunningSuite.readToken())).get("email").asText())
                .as("1235 unchanged by the refused PUT").isEqualTo("chunhyang.seong@example.go.kr");

        assertProblem(Http.get(GATEWAY + "/catalogs/customerinfo/abc", "*/*"), 400);
        assertProblem(Http.get(GATEWAY + "/catalogs/customerinfo/987654321", "*/*"), 404);
        assertThat(customerCount()).as("nothing was added by the rejected POSTs").isEqualTo(customersBefore);
    }

    private static int customerCount() {
        return Http.json(Http.get(GATEWAY + "/customers?size=1", "application/json", RunningSuite.readToken())).get("totalElements").asInt();
    }

    @Test
    void withCustomerServiceStoppedCatalogsFallsBackAndTheCircuitOpensAndItsReturnBringsRealAnswersWithin15Seconds() {
        // Instance 1 is the only one: RunningSuite fails any class that leaves a second one running.
        RunningSuite.launcher().stop("customer-service");
        try {
            assertFallbackAndOpenCircuit();
        } finally {
            RunningSuite.launcher().start("customer-service");
        }
        assertRealAnswersWithin(Duration.ofSeconds(15));
        // As found for the next test: ten answers in a row with real data, from catalogs (its circuit closed, its
        // calls fast again) and from the gateway's own route to customer-service (its Ribbon list caught up).
        RunningSuite.awaitRouted();
    }

    private static void assertFallbackAndOpenCircuit() {

        for (int i = 0; i < 30; i++) {
            HttpResponse<byte[]> response = Http.get(GATEWAY + "/catalogs/customerinfo/1234", "*/*");
            assertThat(response.statusCode()).as("request " + i).isEqualTo(200);
            // From catalogs' read model once its initial fill has read customer 1234, "unavailable" before.
            assertThat(Http.text(response)).matches(ENVELOPE)
                    .containsPattern("(customer service unavailable|name=홍\\*동, .* \\(last known, \\d+ s old\\)) \\]$");
        }
        JsonNode json = Http.json(Http.get(GATEWAY + "/catalogs/customerinfo/1234", "application/json"));
        assertThat(json.get("fallback").asBoolean()).isTrue();

        Optional<String> open = Http.firstStreamLine(CATALOGS_MANAGEMENT + "/actuator/hystrix.stream?key=" + RunningSuite.STREAM_KEY,
                line -> line.contains("\"name\":\"customerInfo\"") && line.contains("\"isCircuitBreakerOpen\":true"),
                Duration.ofSeconds(20));
        assertThat(open).as("catalogs' hystrix stream reports the open circuit").isPresent();

        Optional<String> aggregated = Http.firstStreamLine(RunningSuite.url("turbine-dashboard", "/turbine.stream?key=") + RunningSuite.STREAM_KEY,
                line -> line.contains("\"name\":\"customerInfo\""), Duration.ofSeconds(40));
        assertThat(aggregated).as("Turbine carries catalogs' command metrics").isPresent();
    }

    /** From a customer-service reported healthy to the sample answered with real data through the gateway. */
    private static void assertRealAnswersWithin(Duration limit) {
        Instant started = Instant.now();
        String body = "";
        while (Duration.between(started, Instant.now()).compareTo(limit) < 0) {
            HttpResponse<byte[]> response = Http.get(GATEWAY + "/catalogs/customerinfo/1234", "*/*", RunningSuite.readToken());
            body = Http.text(response);
            if (response.statusCode() == 200 && body.contains(KOREAN_NAME)) {
                break;
            }
            RunningSuite.pause(Duration.ofMillis(250));
        }
        Duration took = Duration.between(started, Instant.now());
        System.out.printf("[e2e] real answers again %.1f s after customer-service reported healthy%n",
                took.toMillis() / 1000.0);
        assertThat(body).contains("name=" + KOREAN_NAME);
        assertThat(took).isLessThan(limit);
    }

    private static void assertProblem(HttpResponse<byte[]> response, int status) {
        assertThat(response.statusCode()).as(Http.text(response)).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode body = Http.json(response);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("detail").asText()).isNotBlank();
        assertThat(Http.text(response)).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static int pageSize() {
        return Http.json(Http.get(GATEWAY + "/customers", "application/json", RunningSuite.readToken())).get("size").asInt();
    }

    @SuppressWarnings("unchecked")
    private static int pagingDefaultSizeIn(Path yamlFile) throws IOException {
        try (Reader reader = Files.newBufferedReader(yamlFile)) {
            Map<String, Object> yaml = new Yaml().load(reader);
            Map<String, Object> paging = (Map<String, Object>) ((Map<String, Object>) yaml.get("customer")).get("paging");
            return (Integer) paging.get("default-size");
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
