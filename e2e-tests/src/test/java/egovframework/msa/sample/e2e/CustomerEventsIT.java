package egovframework.msa.sample.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import egovframework.msa.sample.launcher.Broker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customer events across the broker the suite runs on (RabbitMQ, or with -Dsuite.broker=embedded the embedded
 * Qpid Broker-J the launcher starts): a customer registered and changed through the gateway reaches catalogs'
 * read model, which answers with the change once customer-service is gone. Leaves the suite as it found it:
 * customer-service back (with its in-memory database afresh, as after SuiteEndToEndIT's restart) and the
 * customer deleted where it is still there.
 */
@ExtendWith(RunningSuite.class)
class CustomerEventsIT {

    private static final String GATEWAY = RunningSuite.url("zuul-gateway", "");
    /** E-mail addresses are unique across customers: this run's own. */
    private static final String EMAIL = "broker.check-" + UUID.randomUUID() + "@example.go.kr";

    @Test
    void aChangeThroughTheGatewayReachesCatalogsReadModelThroughTheBroker() {
        Broker broker = RunningSuite.launcher().broker();
        System.out.println("[e2e] broker: " + broker.describe());
        if (RunningSuite.brokerMode().equals("embedded")) {
            assertThat(broker.kind()).isEqualTo(Broker.Kind.EMBEDDED);
            assertThat(RunningSuite.launcher().isBrokerRunning()).isTrue();
        }
        assertThat(RunningSuite.launcher().status()).filteredOn(line -> line.trim().startsWith("broker "))
                .hasSize(1).allSatisfy(line -> assertThat(line).contains(broker.describe()).contains(": up"));

        HttpResponse<byte[]> created = write("POST", "/customers", customer("김브로"));
        assertThat(created.statusCode()).as(Http.text(created)).isEqualTo(201);
        long id = Http.json(created).get("id").asLong();
        try {
            HttpResponse<byte[]> changed = write("PUT", "/customers/" + id, customer("김이벤"));
            assertThat(changed.statusCode()).as(Http.text(changed)).isEqualTo(200);
            // Live answers first (customer-service is up); give the events a moment to be relayed and applied.
            RunningSuite.pause(Duration.ofSeconds(3));

            RunningSuite.launcher().stop("customer-service");
            String body = "";
            Instant begin = Instant.now();
            while (Duration.between(begin, Instant.now()).compareTo(Duration.ofSeconds(30)) < 0) {
                body = Http.text(Http.get(GATEWAY + "/catalogs/customerinfo/" + id, "*/*", RunningSuite.readToken()));
                if (body.contains("last known")) {
                    break;
                }
                RunningSuite.pause(Duration.ofMillis(500));
            }
            System.out.println("[e2e] catalogs without customer-service: " + body);
            assertThat(body).contains("name=김이벤").contains("(last known, ");
            JsonNode json = Http.json(Http.get(GATEWAY + "/catalogs/customerinfo/" + id, "application/json", RunningSuite.readToken()));
            assertThat(json.get("fallback").asBoolean()).isTrue();
        } finally {
            if (!RunningSuite.launcher().isRunning("customer-service")) {
                RunningSuite.launcher().start("customer-service");
            }
            // Not on this customer: customer-service kept in memory has forgotten it (catalogs then answers 404).
            RunningSuite.awaitRouted();
            // 404 when customer-service keeps customers in memory (the default): its restart forgot the customer.
            HttpResponse<byte[]> deleted = write("DELETE", "/customers/" + id, null);
            assertThat(deleted.statusCode()).as(Http.text(deleted)).isIn(204, 404);
        }
    }

    private static String customer(String name) {
        return "{\"name\":\"" + name + "\",\"email\":\"" + EMAIL + "\",\"phone\":\"010-1111-2222\","
                + "\"address\":{\"zipCode\":\"30103\",\"street\":\"세종특별자치시 도움6로 11\"}}";
    }

    private static HttpResponse<byte[]> write(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(GATEWAY + path))
                .header("Authorization", "Bearer " + RunningSuite.writeToken())
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return Http.send(request);
    }
}
