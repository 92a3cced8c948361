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
 * A service's chain of access records as its own check sees it ({@code /actuator/accessrecords/verify} on the
 * management port, the operators' login): whether it is intact, how many records it holds, how long the check took.
 */
final class AccessRecordsChain {

    /** One check's answer. */
    static final class Check {
        final boolean intact;
        final long records;
        final long tookMs;
        final String line;

        Check(boolean intact, long records, long tookMs, String line) {
            this.intact = intact;
            this.records = records;
            this.tookMs = tookMs;
            this.line = line;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI uri;
    private final String operatorLogin;

    AccessRecordsChain(String management, String operatorLogin) {
        this.uri = URI.create(management + "/actuator/accessrecords/verify");
        this.operatorLogin = operatorLogin;
    }

    Check verify() {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", operatorLogin).header("Accept", "application/json")
                .timeout(Duration.ofMinutes(2)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 && response.statusCode() != 409) {
                throw new BenchException(uri + " answered " + response.statusCode());
            }
            JsonNode check = json.readTree(response.body());
            return new Check(check.path("intact").asBoolean(), check.path("records").asLong(), check.path("tookMs").asLong(),
                    check.path("line").asText());
        } catch (IOException e) {
            throw new BenchException(uri + " does not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }
}
