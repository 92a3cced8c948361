package egovframework.msa.sample.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import egovframework.msa.sample.launcher.Zipkin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One trace id across the hops: a request that arrives with a W3C traceparent (or B3 headers) keeps its
 * trace id through the gateway, catalogs' Hystrix thread and the call to customer-service, and each of
 * them logs it; the traces the gateway's sampler picks (spring.sleuth.sampler.probability, 0.1) reach Zipkin with
 * the spans of every hop (the end-to-end suite runs with ./suite up --zipkin), whatever sampling the caller asked
 * for; a change sent with one carries it into the customer event that catalogs applies.
 */
@ExtendWith(RunningSuite.class)
class TracingIT {

    private static final String GATEWAY = RunningSuite.url("zuul-gateway", "");
    /** Requests per form of forced sampling: all of them in Zipkin has a probability of 0.1^20 = 1e-20. */
    private static final int PER_FORM = 20;
    // Every hop answers live when the class starts, whatever ran before: RunningSuite waits for it after each class.

    @Test
    void aW3cTraceparentIsLoggedByEveryHopAndTheSampledTracesReachZipkin() {
        String traceId = hex(32);
        HttpResponse<byte[]> answer = Http.send(lookup().header("traceparent", "00-" + traceId + "-" + hex(16) + "-01"));
        assertThat(answer.statusCode()).as(Http.text(answer)).isEqualTo(200);
        assertThat(Http.text(answer)).contains("\"fallback\":false");
        assertLoggedByEveryHop(traceId, "zuul-gateway", "catalogs-service", "customer-service");

        // The gateway's sampler picks 10 of every 100 traces it starts: 100 in a row give it its share.
        List<String> traceIds = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            traceIds.add(hex(32));
            assertThat(Http.send(lookup().header("traceparent", "00-" + traceIds.get(i) + "-" + hex(16) + "-01")).statusCode())
                    .isEqualTo(200);
        }
        Set<String> reported = new TreeSet<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!reported.containsAll(Set.of("zuul-gateway", "catalogs", "customer")) && Instant.now().isBefore(deadline)) {
            RunningSuite.pause(Duration.ofMillis(500));
            for (String id : traceIds) {
                Set<String> services = reportedBy(id);
                if (services.size() > reported.size()) {
                    reported = services;
                    System.out.println("[e2e] Zipkin holds spans of trace " + id + " from " + reported);
                }
            }
        }
        assertThat(reported).as("services whose spans of one sampled trace reached Zipkin").contains("zuul-gateway", "catalogs", "customer");
    }

    /**
     * A caller cannot have its requests reported: for each form of forced sampling (and debug), 20 requests do not
     * all reach Zipkin (the gateway's own sampler decides, at 0.1), while the trace id the caller sent is the one
     * customer-service logs and the one Zipkin holds for those that were sampled.
     */
    @Test
    void theGatewayIgnoresACallersSamplingDecisionButKeepsItsTraceId() {
        Map<String, List<Map<String, String>>> forms = new LinkedHashMap<>();
        Map<String, Set<String>> sentIds = new LinkedHashMap<>();
        for (String form : List.of("traceparent -01", "X-B3-Sampled: 1", "X-B3-Sampled: true", "X-B3-Flags: 1", "b3 -1", "b3 -d",
                "b3: 1", "b3: d")) {
            List<Map<String, String>> requests = new ArrayList<>();
            Set<String> ids = new LinkedHashSet<>();
            for (int i = 0; i < PER_FORM; i++) {
                String traceId = hex(32);
                String spanId = hex(16);
                requests.add(forcedSampling(form, traceId, spanId));
                ids.add(traceId);
            }
            forms.put(form, requests);
            // b3: 1 and b3: d carry no trace id: the gateway starts one.
            sentIds.put(form, form.startsWith("b3: ") ? Set.of() : ids);
        }

        Map<String, long[]> windows = new LinkedHashMap<>();
        forms.forEach((form, requests) -> {
            long from = System.currentTimeMillis();
            for (Map<String, String> headers : requests) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(GATEWAY + "/customers/1234"))
                        .header("Accept", "application/json").header("Authorization", "Bearer " + RunningSuite.readToken());
                headers.forEach(request::header);
                assertThat(Http.send(request).statusCode()).as(form).isEqualTo(200);
            }
            windows.put(form, new long[] {from, System.currentTimeMillis()});
            RunningSuite.pause(Duration.ofMillis(50));
        });

        // Reporting works: some of the traces arrive (the sampler picks 10 of every 100); then give the rest time.
        long first = windows.values().iterator().next()[0];
        long last = System.currentTimeMillis();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (gatewayTraces(first, last).isEmpty() && Instant.now().isBefore(deadline)) {
            RunningSuite.pause(Duration.ofMillis(500));
        }
        RunningSuite.pause(Duration.ofSeconds(3));
        assertThat(gatewayTraces(first, last)).as("traces of the gateway in Zipkin").isNotEmpty();

        windows.forEach((form, window) -> {
            Set<String> reported = gatewayTraces(window[0], window[1]);
            System.out.printf("[e2e] %-18s %2d of %d requests reported to Zipkin%n", form, reported.size(), PER_FORM);
            assertThat(reported).as(form + ": reported to Zipkin").hasSizeLessThan(PER_FORM);
            if (!sentIds.get(form).isEmpty()) {
                assertThat(sentIds.get(form)).as(form + ": the sampled traces are the caller's").containsAll(reported);
                String traceId = sentIds.get(form).iterator().next();
                assertThat(RunningSuite.awaitLogLines("customer-service", traceId, line -> line.contains("GET /customers/1234")))
                        .as(form + ": customer-service logs the caller's trace id").isNotEmpty();
            }
        });
    }

    /** The headers of one form of forced sampling or debugging, with the caller's ids where the form has them. */
    private static Map<String, String> forcedSampling(String form, String traceId, String spanId) {
        switch (form) {
            case "traceparent -01":
                return Map.of("traceparent", "00-" + traceId + "-" + spanId + "-01");
            case "X-B3-Sampled: 1":
                return Map.of("X-B3-TraceId", traceId, "X-B3-SpanId", spanId, "X-B3-Sampled", "1");
            case "X-B3-Sampled: true":
                return Map.of("X-B3-TraceId", traceId, "X-B3-SpanId", spanId, "X-B3-Sampled", "true");
            case "X-B3-Flags: 1":
                return Map.of("X-B3-TraceId", traceId, "X-B3-SpanId", spanId, "X-B3-Flags", "1");
            case "b3 -1":
                return Map.of("b3", traceId + "-" + spanId + "-1");
            case "b3 -d":
                return Map.of("b3", traceId + "-" + spanId + "-d");
            case "b3: 1":
                return Map.of("b3", "1");
            case "b3: d":
                return Map.of("b3", "d");
            default:
                throw new IllegalArgumentException(form);
        }
    }

    /** The ids of the traces in Zipkin whose gateway server span started between two instants (ms). */
    private static Set<String> gatewayTraces(long fromMillis, long toMillis) {
        long now = System.currentTimeMillis();
        HttpResponse<byte[]> answer = Http.get(Zipkin.url() + "api/v2/traces?serviceName=zuul-gateway&limit=10000&endTs=" + now
                + "&lookback=" + (now - fromMillis + 1000), "application/json");
        Set<String> traces = new TreeSet<>();
        if (answer.statusCode() != 200) {
            return traces;
        }
        for (JsonNode trace : Http.json(answer)) {
            for (JsonNode span : trace) {
                long started = span.path("timestamp").asLong() / 1000;
                if ("zuul-gateway".equals(span.path("localEndpoint").path("serviceName").asText())
                        && "SERVER".equals(span.path("kind").asText()) && started >= fromMillis && started <= toMillis) {
                    traces.add(span.path("traceId").asText());
                }
            }
        }
        return traces;
    }

    /** The services whose spans of a trace Zipkin holds (none if it holds none). */
    private static Set<String> reportedBy(String traceId) {
        Set<String> services = new TreeSet<>();
        HttpResponse<byte[]> trace = Http.get(Zipkin.url() + "api/v2/trace/" + traceId, "application/json");
        if (trace.statusCode() == 200) {
            for (JsonNode span : Http.json(trace)) {
                services.add(span.path("localEndpoint").path("serviceName").asText());
            }
        }
        return services;
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
            List<String> applied = RunningSuite.awaitLogLines("catalogs-service", traceId, line -> line.contains("customer " + id));
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
            List<String> lines = RunningSuite.awaitLogLines(service, traceId, line -> line.contains("GET /"));
            assertThat(lines).as(service + " logs the request with trace id " + traceId).isNotEmpty();
            System.out.println("[e2e] " + service + ": " + lines.get(0));
        }
    }

    private static String hex(int digits) {
        return RunningSuite.randomHex(digits);
    }
}
