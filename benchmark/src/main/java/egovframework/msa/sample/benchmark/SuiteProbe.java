package egovframework.msa.sample.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import egovframework.msa.sample.launcher.DevelopmentTokens;
import egovframework.msa.sample.launcher.SuiteLauncher;
import egovframework.msa.sample.launcher.Topology;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Looks at the running suite from outside, between runs: does the sample route answer real data, and
 * which instances does Eureka list (by port, so no service has to be mapped to its Eureka name).
 */
final class SuiteProbe {

    private static final Duration POLL = Duration.ofMillis(500);

    private final String gatewayBase;
    private final String eurekaBase;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    SuiteProbe(String gatewayBase, String eurekaBase) {
        this.gatewayBase = gatewayBase;
        this.eurekaBase = eurekaBase;
    }

    /** True if the sample request through the gateway answers 200 with real customer data. */
    boolean sampleAnswersRealData() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayBase + SuiteLauncher.SAMPLE_ROUTE))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return response.statusCode() == 200 && response.body().contains("name=")
                    && !SimulationLog.isFallback(response.body());
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }

    /** An instance Eureka lists: application name, port, status (UP, DOWN, OUT_OF_SERVICE, ...). */
    static final class Registered {
        final String app;
        final int port;
        final String status;

        Registered(String app, int port, String status) {
            this.app = app;
            this.port = port;
            this.status = status;
        }
    }

    /** Every instance Eureka lists; empty if Eureka does not answer. */
    List<Registered> registered() {
        // The operator's login: it reads the registry like any client (topology.properties for local runs).
        HttpRequest request = HttpRequest.newBuilder(URI.create(eurekaBase + "/eureka/apps"))
                .header("Accept", "application/json")
                .header("Authorization", DevelopmentTokens.basic(Topology.setting("EUREKA_OPERATOR_USERNAME"),
                        Topology.setting("EUREKA_OPERATOR_PASSWORD")))
                .timeout(Duration.ofSeconds(5)).GET().build();
        List<Registered> instances = new ArrayList<>();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return instances;
            }
            for (JsonNode app : elements(json.readTree(response.body()).path("applications").path("application"))) {
                for (JsonNode instance : elements(app.path("instance"))) {
                    instances.add(new Registered(app.path("name").asText(), instance.path("port").path("$").asInt(),
                            instance.path("status").asText()));
                }
            }
        } catch (IOException e) {
            // not answering: nothing registered as far as we can tell
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
        return instances;
    }

    boolean registeredUp(int port) {
        return registered().stream().anyMatch(i -> i.port == port && "UP".equals(i.status));
    }

    boolean registeredAtAll(int port) {
        return registered().stream().anyMatch(i -> i.port == port);
    }

    /** Polls until the condition holds; throws naming {@code what} after the timeout. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        if (!within(timeout, condition)) {
            throw new BenchException("not within " + timeout.toSeconds() + " s: " + what);
        }
    }

    /** Polls until the condition holds or the timeout passes; answers which. */
    static boolean within(Duration timeout, BooleanSupplier condition) {
        return within(timeout, POLL, condition);
    }

    /** {@link #within(Duration, BooleanSupplier)}, polling every {@code poll} (where the time taken is measured). */
    static boolean within(Duration timeout, Duration poll, BooleanSupplier condition) {
        Instant end = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                return false;
            }
            sleep(poll);
        }
        return true;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }

    private static Iterable<JsonNode> elements(JsonNode node) {
        // Eureka writes a list, but a single element without the list in some versions.
        return node.isArray() ? node : node.isMissingNode() ? List.of() : List.of(node);
    }

}
