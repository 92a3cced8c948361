package egovframework.msa.sample.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event-driven half of the guide on the running suite: a change through the gateway travels
 * customer-service's outbox, RabbitMQ and catalogs' listener into its read model (CQRS), which answers
 * with the last known data while customer-service is down, and catches up after catalogs itself was down.
 * Each test writes its own customer, deletes it afterwards and leaves every service running.
 */
@ExtendWith(RunningSuite.class)
class ReadModelIT {

    private static final String GATEWAY = RunningSuite.url("zuul-gateway", "");
    private static final String READ_MODEL = RunningSuite.management("catalogs-service", "/actuator/readmodel/");
    private static final Duration EVENT_ARRIVES = Duration.ofSeconds(20);

    @Test
    void aChangeReachesTheReadModelWhichAnswersWhileCustomerServiceIsDown() {
        Instant created = Instant.now();
        long id = create("010-3300-1001");
        try {
            change(id, "010-3300-7788");
            awaitReadModel(id, created, entry -> entry.get("lastSequence").asLong() >= 1);

            RunningSuite.launcher().stop("customer-service");
            try {
                HttpResponse<byte[]> text = Http.get(GATEWAY + "/catalogs/customerinfo/" + id, "*/*");
                assertThat(text.statusCode()).isEqualTo(200);
                // Anonymous callers see the last known data masked, with its age.
                assertThat(Http.text(text)).contains("phone=010-****-7788").containsPattern("\\(last known, \\d+ s old\\)");
                JsonNode json = Http.json(Http.get(GATEWAY + "/catalogs/customerinfo/" + id, "application/json"));
                assertThat(json.get("source").asText()).isEqualTo("read-model");
                assertThat(json.get("fallback").asBoolean()).isTrue();
                assertThat(json.get("ageSeconds").asLong()).isBetween(0L, 300L);
            } finally {
                RunningSuite.launcher().start("customer-service");
                RunningSuite.awaitRouted();
            }
        } finally {
            delete(id);
        }
    }

    @Test
    void catalogsRestartedCatchesUpOnWhatHappenedWhileItWasDown() {
        RunningSuite.launcher().stop("catalogs-service");
        Instant created = Instant.now();
        long id;
        try {
            // The event waits in catalogs' durable queue.
            id = create("010-3300-2002");
        } finally {
            RunningSuite.launcher().start("catalogs-service");
            // The gateway, Turbine and Prometheus find catalogs again through Eureka; its circuit starts closed.
            RunningSuite.awaitRouted();
        }
        try {
            // Sequence 0 is the creation event itself (the initial fill would leave -1).
            JsonNode entry = awaitReadModel(id, created, e -> e.get("lastSequence").asLong() >= 0);
            assertThat(entry.get("deleted").asBoolean()).isFalse();
        } finally {
            delete(id);
        }
    }

    private static long create(String phone) {
        HttpResponse<byte[]> created = send("POST", "/customers", body(phone));
        assertThat(created.statusCode()).as(Http.text(created)).isEqualTo(201);
        Matcher id = Pattern.compile("/customers/(\\d+)$").matcher(created.headers().firstValue("Location").orElse(""));
        assertThat(id.find()).as("Location of the new customer").isTrue();
        return Long.parseLong(id.group(1));
    }

    private static void change(long id, String phone) {
        HttpResponse<byte[]> changed = send("PUT", "/customers/" + id, body(phone));
        assertThat(changed.statusCode()).as(Http.text(changed)).isEqualTo(200);
    }

    /**
     * Deletes the test's customer; a 503 while the gateway has not yet found a restarted customer-service is
     * retried, and a 404 is fine: a restarted customer-service starts from its in-memory seed data.
     */
    private static void delete(long id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status;
        do {
            status = send("DELETE", "/customers/" + id, null).statusCode();
        } while (status == 503 && System.nanoTime() < deadline && pause());
        assertThat(status).isIn(200, 204, 404);
    }

    private static boolean pause() {
        try {
            Thread.sleep(500);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String body(String phone) {
        return "{\"name\":\"이벤트\",\"email\":\"event-" + phone.replace("-", "") + "@example.go.kr\",\"phone\":\"" + phone
                + "\",\"address\":{\"zipCode\":\"30112\",\"street\":\"세종특별자치시 도움6로 11\"}}";
    }

    private static HttpResponse<byte[]> send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(GATEWAY + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + RunningSuite.writeToken())
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return Http.send(request);
    }

    /**
     * The read model's bookkeeping of one customer once it satisfies {@code done}, within {@link #EVENT_ARRIVES},
     * applied after {@code created}: a customer-service restarted by an earlier test or class gives its ids out
     * again, and catalogs still holds the earlier customer of this id (a tombstone or data, lastSequence >= 1).
     */
    private static JsonNode awaitReadModel(long id, Instant created, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + EVENT_ARRIVES.toNanos();
        Optional<JsonNode> last = Optional.empty();
        while (System.nanoTime() < deadline) {
            HttpResponse<byte[]> response = Http.send(HttpRequest.newBuilder(URI.create(READ_MODEL + id))
                    .header("Authorization", RunningSuite.MANAGEMENT_LOGIN).timeout(Duration.ofSeconds(5)));
            if (response.statusCode() == 200) {
                last = Optional.of(Http.json(response));
                JsonNode applied = last.get().path("appliedAt");
                if (applied.isTextual() && !Instant.parse(applied.asText()).isBefore(created) && done.test(last.get())) {
                    return last.get();
                }
            }
            pause();
        }
        throw new AssertionError("customer " + id + " did not reach catalogs' read model as expected within "
                + EVENT_ARRIVES.toSeconds() + " s; last seen: " + last.map(JsonNode::toString).orElse("nothing"));
    }
}
