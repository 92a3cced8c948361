package egovframework.msa.sample.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * customer-service's gauge {@code customer.outbox.pending} (events written but not yet confirmed by the
 * broker), read from its metrics endpoint on the management port with the operators' login.
 */
final class OutboxGauge {

    static final String METRIC = "customer.outbox.pending";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI uri;
    private final String operatorLogin;

    OutboxGauge(String customerManagement, String operatorLogin) {
        this.uri = URI.create(customerManagement + "/actuator/metrics/" + METRIC);
        this.operatorLogin = operatorLogin;
    }

    String where() {
        return uri.toString();
    }

    /** The unsent rows, or -1 if the gauge cannot be read (not answering, locked, no such metric). */
    long pending() {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", operatorLogin)
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return -1;
            }
            for (JsonNode measurement : json.readTree(response.body()).path("measurements")) {
                if ("VALUE".equals(measurement.path("statistic").asText())) {
                    return Math.round(measurement.path("value").asDouble());
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }
}
