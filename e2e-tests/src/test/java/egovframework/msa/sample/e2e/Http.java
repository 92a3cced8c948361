package egovframework.msa.sample.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** Small HTTP helpers over a real loopback connection; every call is bounded in time. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Http() {
    }

    static HttpResponse<byte[]> get(String url, String accept) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).GET());
    }

    /** A GET with a bearer token. */
    static HttpResponse<byte[]> get(String url, String accept, String token) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept)
                .header("Authorization", "Bearer " + token).GET());
    }

    static HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** HTTP Basic credentials: the development defaults documented in the README. */
    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text(response), e);
        }
    }

    /**
     * Reads a server-sent event stream (hystrix.stream, turbine.stream) until a line matches or the time
     * is up, then closes the connection.
     */
    static Optional<String> firstStreamLine(String url, Predicate<String> match, Duration within) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().build();
        CompletableFuture<HttpResponse<InputStream>> pending =
                CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = null;
        try {
            body = pending.get(within.toMillis(), TimeUnit.MILLISECONDS).body();
            InputStream stream = body;
            CompletableFuture<Optional<String>> reading = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        if (match.test(line)) {
                            return Optional.of(line);
                        }
                    }
                    return Optional.empty();
                } catch (IOException e) {
                    return Optional.empty();
                }
            });
            return reading.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + url + ": " + e, e);
        } finally {
            pending.cancel(true);
            if (body != null) {
                try {
                    body.close();
                } catch (IOException ignored) {
                    // closing is best effort
                }
            }
        }
    }
}
