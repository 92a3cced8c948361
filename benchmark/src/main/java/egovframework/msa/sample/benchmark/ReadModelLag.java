package egovframework.msa.sample.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Scenario i, the read model's lag (CQRS): new customers are written through the gateway at a fixed rate
 * (open model: one POST every 1/rate s, whatever the answers take), and for each one catalogs' readmodel
 * endpoint tells when it applied the customer's event. The lag of a write is that moment minus the moment
 * its 201 arrived; both clocks are this machine's. Afterwards every customer written is deleted again.
 * Gatling's closed loops cannot hold a fixed write rate while measuring something other than the answer,
 * hence this small open-loop driver on the JDK's HTTP client. Scenario j ({@link OutboxDrain}) writes,
 * checks and deletes with the same parts around a broker outage.
 */
final class ReadModelLag {

    private static final Pattern LOCATION_ID = Pattern.compile("/customers/(\\d+)$");
    /** One customer of the readmodel endpoint's answer: its id and when catalogs applied its state. */
    private static final Pattern ENTRY = Pattern.compile("\"customerId\":(\\d+),[^}]*?\"appliedAt\":\"([^\"]+)\"");
    private static final int BATCH = 250;

    /** One write: its customer id (from Location) and when its answer arrived; id -1 when it failed. */
    static final class Write {
        final long customerId;
        final long answeredAtMillis;
        final int status;

        Write(long customerId, long answeredAtMillis, int status) {
            this.customerId = customerId;
            this.answeredAtMillis = answeredAtMillis;
            this.status = status;
        }
    }

    /** What a run found. */
    static final class Result {
        final int writes;
        final int failedWrites;
        final int visible;
        final List<Long> lagsMillis;
        final int deleted;

        Result(int writes, int failedWrites, int visible, List<Long> lagsMillis, int deleted) {
            this.writes = writes;
            this.failedWrites = failedWrites;
            this.visible = visible;
            this.lagsMillis = lagsMillis;
            this.deleted = deleted;
        }

        long percentile(double p) {
            if (lagsMillis.isEmpty()) {
                return -1;
            }
            List<Long> sorted = new ArrayList<>(lagsMillis);
            Collections.sort(sorted);
            return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p / 100 * sorted.size()) - 1));
        }

        String summary(int perSecond, Duration duration) {
            return String.format(Locale.ROOT, "%d writes/s for %d s: writes=%d failed=%d visible=%d lag p50=%d ms"
                            + " p99=%d ms max=%d ms; deleted afterwards=%d", perSecond, duration.toSeconds(), writes,
                    failedWrites, visible, percentile(50), percentile(99), percentile(100), deleted);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;
    private final String catalogsManagement;
    private final String writeToken;
    private final String operatorLogin;

    ReadModelLag(String gateway, String catalogsManagement, String writeToken, String operatorLogin) {
        this.gateway = gateway;
        this.catalogsManagement = catalogsManagement;
        this.writeToken = writeToken;
        this.operatorLogin = operatorLogin;
    }

    Result run(int perSecond, Duration duration, Duration settle) {
        List<Write> writes = write(perSecond, duration);
        List<Write> succeeded = succeeded(writes);
        List<Long> lags = appliedLags(succeeded, settle);
        int deleted = delete(succeeded);
        return new Result(writes.size(), writes.size() - succeeded.size(), lags.size(), lags, deleted);
    }

    /** The answers of the failed writes, e.g. {@code 503 x131, none x1} (none: no answer within the timeout). */
    static String failures(List<Write> writes) {
        Map<String, Long> byStatus = writes.stream().filter(w -> w.customerId < 0)
                .collect(Collectors.groupingBy(w -> w.status < 0 ? "none" : Integer.toString(w.status),
                        java.util.TreeMap::new, Collectors.counting()));
        return byStatus.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "));
    }

    static List<Write> succeeded(List<Write> writes) {
        List<Write> succeeded = new ArrayList<>();
        writes.stream().filter(w -> w.customerId >= 0).forEach(succeeded::add);
        return succeeded;
    }

    /** Writes new customers at the rate for the duration and returns once every write is answered. */
    List<Write> write(int perSecond, Duration duration) {
        ConcurrentLinkedQueue<CompletableFuture<Write>> pending = new ConcurrentLinkedQueue<>();
        AtomicInteger sequence = new AtomicInteger();
        String run = Long.toString(System.currentTimeMillis() % 100000);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long total = perSecond * duration.toSeconds();
        ticker.scheduleAtFixedRate(() -> {
            int n = sequence.incrementAndGet();
            if (n <= total) {
                pending.add(post(run, n));
            }
        }, 0, 1_000_000L / perSecond, TimeUnit.MICROSECONDS);
        try {
            ticker.awaitTermination(duration.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ticker.shutdownNow();
        }
        List<Write> writes = new ArrayList<>();
        for (CompletableFuture<Write> write : pending) {
            writes.add(write.join());
        }
        return writes;
    }

    private CompletableFuture<Write> post(String run, int n) {
        String body = String.format(Locale.ROOT, "{\"name\":\"부하%s%d\",\"email\":\"lag-%s-%d@example.go.kr\","
                + "\"phone\":\"010-%04d-%04d\",\"address\":{\"zipCode\":\"30112\",\"street\":\"세종특별자치시 도움6로 11\"}}",
                run, n, run, n, n / 10000 % 10000, n % 10000);
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/customers"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", writeToken)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            long answered = System.currentTimeMillis();
            if (failure != null || response.statusCode() != 201) {
                return new Write(-1, answered, failure != null ? -1 : response.statusCode());
            }
            Matcher id = LOCATION_ID.matcher(response.headers().firstValue("Location").orElse(""));
            return new Write(id.find() ? Long.parseLong(id.group(1)) : -1, answered, 201);
        });
    }

    /**
     * For each write, when catalogs applied its event minus when the write was answered: the readmodel
     * endpoint is asked in batches (each request costs the operator login's password hash) until every
     * write shows or the deadline passes; writes that never show have no lag and count as not visible.
     */
    List<Long> appliedLags(List<Write> writes, Duration settle) {
        long deadlineNanos = System.nanoTime() + settle.toNanos();
        Map<Long, Write> missing = new LinkedHashMap<>();
        writes.forEach(w -> missing.put(w.customerId, w));
        List<Long> lags = new ArrayList<>();
        do {
            List<Long> ids = new ArrayList<>(missing.keySet());
            for (int from = 0; from < ids.size(); from += BATCH) {
                String batch = ids.subList(from, Math.min(ids.size(), from + BATCH)).stream().map(String::valueOf)
                        .collect(Collectors.joining(","));
                Matcher entry = ENTRY.matcher(readModel(batch));
                while (entry.find()) {
                    Write write = missing.remove(Long.parseLong(entry.group(1)));
                    if (write != null) {
                        lags.add(Instant.parse(entry.group(2)).toEpochMilli() - write.answeredAtMillis);
                    }
                }
            }
            if (!missing.isEmpty()) {
                sleep();
            }
        } while (!missing.isEmpty() && System.nanoTime() < deadlineNanos);
        return lags;
    }

    private String readModel(String ids) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(catalogsManagement + "/actuator/readmodel?ids=" + ids))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", operatorLogin).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (java.io.IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Deletes the customers written again; returns how many were deleted. */
    int delete(List<Write> writes) {
        int deleted = 0;
        for (Write write : writes) {
            deleted += delete(write.customerId) ? 1 : 0;
        }
        return deleted;
    }

    private boolean delete(long customerId) {
        try {
            int status = http.send(HttpRequest.newBuilder(URI.create(gateway + "/customers/" + customerId))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", writeToken).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 204 || status == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
