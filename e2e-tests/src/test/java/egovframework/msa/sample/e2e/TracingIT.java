package egovframework.msa.sample.e2e;

import egovframework.msa.sample.launcher.ServiceSpec;
import egovframework.msa.sample.launcher.Topology;
import com.fasterxml.jackson.databind.JsonNode;
import egovframework.msa.sample.launcher.Zipkin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One trace id across the hops: a request that arrives with a W3C traceparent (or B3 headers) keeps its
 * trace id through the gateway, catalogs' Hystrix thread and the call to customer-service, and each of
 * them logs it and reports its spans to Zipkin (the end-to-end suite runs with ./suite up --zipkin); a change
 * sent with one carries it into the customer event that catalogs applies.
 */
@ExtendWith(RunningSuite.class)
class TracingIT {

    private static final String GATEWAY = RunningSuite.url("zuul-gateway", "");
    private static final SecureRandom RANDOM = new SecureRandom();
    // Every hop answers live when the class starts, whatever ran before: RunningSuite waits for it after each class.

    @Test
    void aW3cTraceparentIsLoggedByEveryHopAndReachesZipkin() throws InterruptedException {
        String traceId = hex(32);
        HttpResponse<byte[]> answer = Http.send(lookup().header("traceparent", "00-" + traceId + "-" + hex(16) + "-01"));
        assertThat(answer.statusCode()).as(Http.text(answer)).isEqualTo(200);
        assertThat(Http.text(answer)).contains("\"fallback\":false");
        assertLoggedByEveryHop(traceId, "zuul-gateway", "catalogs-service", "customer-service");

        Set<String> reported = new TreeSet<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!reported.containsAll(Set.of("zuul-gateway", "catalogs", "customer")) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            HttpResponse<byte[]> trace = Http.get(Zipkin.url() + "api/v2/trace/" + traceId, "application/json");
            if (trace.statusCode() == 200) {
                for (JsonNode span : Http.json(trace)) {
                    reported.add(span.path("localEndpoint").path("serviceName").asText());
                }
            }
        }
        System.out.println("[e2e] Zipkin holds spans of trace " + traceId + " from " + reported);
        assertThat(reported).as("services whose spans of the trace reached Zipkin").contains("zuul-gateway", "catalogs", "customer");
    }

    @Test
    void b3HeadersAreLoggedByEveryHopToo() {
        String traceId = hex(32);
        HttpResponse<byte[]> answer = Http.send(lookup().header("b3", traceId + "-" + hex(16) + "-1"));
        assertThat(answer.statusCode()).as(Http.text(answer)).isEqualTo(200);
        assertLoggedByEveryHop(traceId, "zuul-gateway", "catalogs-service", "customer-service");
    }

    @Test
    void aChangeCarriesItsTraceIntoTheEventCatalogsApplies() {
        String traceId = hex(32);
        String customer = "{\"name\":\"추적용\",\"email\":\"trace.check-" + UUID.randomUUID() + "@example.go.kr\",\"phone\":\"010-3333-4444\","
                + "\"address\":{\"zipCode\":\"30103\",\"street\":\"세종특별자치시 도움6로 11\"}}";
        HttpResponse<byte[]> created = Http.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/customers"))
                .header("Authorization", "Bearer " + RunningSuite.writeToken()).header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-" + hex(16) + "-01")
                .POST(HttpRequest.BodyPublishers.ofString(customer)));
        assertThat(created.statusCode()).as(Http.text(created)).isEqualTo(201);
        long id = Http.json(created).get("id").asLong();
        try {
            List<String> applied = awaitLines("catalogs-service", traceId, line -> line.contains("customer " + id));
            assertThat(applied).as("catalogs' log of the registration event of customer " + id).isNotEmpty();
        } finally {
            Http.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/customers/" + id))
                    .header("Authorization", "Bearer " + RunningSuite.writeToken()).DELETE());
        }
    }

    private static HttpRequest.Builder lookup() {
        return HttpRequest.newBuilder(URI.create(GATEWAY + "/catalogs/customerinfo/1234"))
                .header("Accept", "application/json").header("Authorization", "Bearer " + RunningSuite.readToken());
    }

    private static void assertLoggedByEveryHop(String traceId, String... services) {
        for (String service : services) {
            List<String> lines = awaitLines(service, traceId, line -> line.contains("GET /"));
            assertThat(lines).as(service + " logs the request with trace id " + traceId).isNotEmpty();
            System.out.println("[e2e] " + service + ": " + lines.get(0));
        }
    }

    /** The lines of a service's log that carry the trace id and match, waiting up to 15 s for them to be written. */
    private static List<String> awaitLines(String service, String traceId, java.util.function.Predicate<String> match) {
        Path log = RunningSuite.launcher().layout().log(spec(service));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        List<String> found = List.of();
        while (found.isEmpty() && Instant.now().isBefore(deadline)) {
            try {
                found = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                        .filter(line -> line.contains(traceId)).filter(match).collect(Collectors.toList());
                Thread.sleep(250);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return found;
    }

    private static ServiceSpec spec(String name) {
        return Topology.SERVICES.stream().filter(service -> service.name().equals(name)).findFirst().orElseThrow();
    }

    private static String hex(int digits) {
        StringBuilder out = new StringBuilder(digits);
        while (out.length() < digits) {
            out.append(Integer.toHexString(RANDOM.nextInt(16)));
        }
        return out.toString();
    }
}
