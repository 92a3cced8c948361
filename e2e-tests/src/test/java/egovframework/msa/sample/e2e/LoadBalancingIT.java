package egovframework.msa.sample.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import egovframework.msa.sample.launcher.ServiceSpec;
import egovframework.msa.sample.launcher.SuiteLauncher;
import egovframework.msa.sample.launcher.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client-side load balancing, measured where the requests land: with a second customer-service instance
 * registered, requests through catalogs (Ribbon inside its Hystrix command) and through the gateway (Zuul's
 * Ribbon) spread over both instances, as each instance's own request counter ({@code http.server.requests},
 * uri /customers/{id}, on its management port) shows before and after. Then the second instance is stopped
 * the graceful way (./suite stop customer-service 2) under traffic, and every request is still answered with
 * real data by the first. Leaves the suite as it found it: a second instance it started is stopped again
 * (and gone from Eureka), one that ran before runs again afterwards.
 */
@ExtendWith(RunningSuite.class)
class LoadBalancingIT {

    private static final String CUSTOMER = "customer-service";
    private static final ServiceSpec FIRST = Topology.get(CUSTOMER);
    private static final ServiceSpec SECOND = FIRST.instance(2);
    private static final String GATEWAY = RunningSuite.url("zuul-gateway", "");
    private static final String CATALOGS = "http://127.0.0.1:" + Topology.get("catalogs-service").port();
    private static final String CUSTOMER_URI = "uri=\"/customers/{id}\"";

    private static final int REQUESTS = 200;
    /** Round-robin gives each of two instances half; a fifth is the floor that still proves both serve. */
    private static final double FAIR_SHARE = 0.20;
    /**
     * Eureka's registry fetch (2 s) plus Ribbon's server-list refresh (2 s) in each caller (config-repo/application.yml),
     * with a wide margin for a busy machine: the bound on waiting for callers to see a change of instances.
     */
    private static final Duration ROUTING = Duration.ofSeconds(60);
    /** A registering instance's first heartbeat, and after a graceful stop its cancel, reach Eureka well within this. */
    private static final Duration REGISTRY = Duration.ofSeconds(90);

    /** A route into customer-service and what a real answer from it looks like. */
    private enum Route {
        CATALOGS_DIRECT(CATALOGS + SuiteLauncher.SAMPLE_ROUTE),
        GATEWAY_CUSTOMERS(GATEWAY + "/customers/1234"),
        GATEWAY_CATALOGS(GATEWAY + SuiteLauncher.SAMPLE_ROUTE);

        final String url;

        Route(String url) {
            this.url = url;
        }

        /** Null if the answer is real customer data, otherwise what is wrong with it. */
        String problem(HttpResponse<byte[]> response) {
            String body = Http.text(response);
            if (response.statusCode() != 200) {
                return "status " + response.statusCode() + ": " + body;
            }
            JsonNode json = Http.json(response);
            if (this == GATEWAY_CUSTOMERS) {
                return "홍길동".equals(json.path("name").asText()) ? null : "not customer 1234: " + body;
            }
            // catalogs: live data from customer-service, not its fallback nor its read model's last known answer
            boolean real = !json.path("fallback").asBoolean(true) && "customer-service".equals(json.path("source").asText())
                    && "홍길동".equals(json.path("customer").path("name").asText());
            return real ? null : "not live customer data: " + body;
        }
    }

    @Test
    void requestsSpreadOverBothInstancesAndAGracefulStopOfOneCostsNothing() {
        SuiteLauncher launcher = RunningSuite.launcher();
        boolean startedHere = !launcher.isRunning(CUSTOMER, 2);
        if (startedHere) {
            launcher.startInstance(CUSTOMER, 2);
        }
        try {
            await("Eureka lists " + SECOND.instanceName() + " as UP", REGISTRY, () -> eurekaStatus(SECOND.port()).equals("UP"));
            for (Route route : Route.values()) {
                await(route + " reaches " + SECOND.instanceName(), ROUTING, () -> reachesSecond(route));
            }

            for (Route route : Route.values()) {
                long[] counts = sendAndCount(route, REQUESTS);
                double firstShare = (double) counts[0] / (counts[0] + counts[1]);
                System.out.printf(Locale.ROOT, "[e2e] load balancing %-17s %d requests: %s %d (%.1f %%), %s %d (%.1f %%)%n",
                        route, REQUESTS, FIRST.instanceName(), counts[0], 100 * firstShare, SECOND.instanceName(), counts[1],
                        100 * (1 - firstShare));
                assertThat(counts[0] + counts[1]).as(route + ": requests counted by the instances").isGreaterThanOrEqualTo(REQUESTS);
                assertThat(firstShare).as(route + ": " + FIRST.instanceName() + "'s share").isBetween(FAIR_SHARE, 1 - FAIR_SHARE);
            }

            List<String> duringStop = stopSecondUnderTraffic(launcher);
            assertThat(duringStop).as("answers while " + SECOND.instanceName() + " stopped gracefully").isEmpty();
            await("Eureka no longer lists " + SECOND.instanceName(), REGISTRY, () -> eurekaStatus(SECOND.port()).isEmpty());

            for (Route route : Route.values()) {
                long[] counts = sendAndCount(route, REQUESTS);
                assertThat(counts[0]).as(route + ": every request answered by " + FIRST.instanceName()).isGreaterThanOrEqualTo(REQUESTS);
            }
        } finally {
            restore(launcher, startedHere);
        }
    }

    /**
     * Sends {@code n} requests one after another, each must be answered with real data; answers how many
     * requests for /customers/{id} each instance counted meanwhile ([first, second]; 0 for one that is down).
     */
    private static long[] sendAndCount(Route route, int n) {
        long first = served(FIRST);
        long second = served(SECOND);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String problem = route.problem(send(route));
            if (problem != null && problems.size() < 5) {
                problems.add("#" + i + ": " + problem);
            }
        }
        assertThat(problems).as(route + ": answers that are not real data").isEmpty();
        // Micrometer counts a request once its response is on the way: give the last few a moment.
        long[] counts = new long[2];
        await(route + ": the instances counted " + n + " requests", Duration.ofSeconds(10), () -> {
            counts[0] = served(FIRST) - first;
            counts[1] = served(SECOND) - second;
            return counts[0] + counts[1] >= n;
        });
        return counts;
    }

    /**
     * Stops the second instance with the launcher (out of service in Eureka, callers drop it, then SIGTERM) while
     * a client keeps sending on every route; answers what went wrong on the way (nothing, if the stop is graceful).
     */
    private static List<String> stopSecondUnderTraffic(SuiteLauncher launcher) {
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stopping = new AtomicBoolean(true);
        int[] sent = new int[1];
        CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
            while (stopping.get()) {
                for (Route route : Route.values()) {
                    String problem;
                    try {
                        problem = route.problem(send(route));
                    } catch (RuntimeException e) {
                        problem = e.toString();
                    }
                    sent[0]++;
                    if (problem != null && problems.size() < 10) {
                        problems.add(route + ": " + problem);
                    }
                }
            }
        });
        try {
            launcher.stopInstance(CUSTOMER, 2);
        } finally {
            stopping.set(false);
            traffic.join();
        }
        System.out.printf("[e2e] load balancing: %d requests while %s stopped, %d not answered with real data%n",
                sent[0], SECOND.instanceName(), problems.size());
        return problems;
    }

    /** A handful of requests on the route: did any land on the second instance (its counter moved)? */
    private static boolean reachesSecond(Route route) {
        long before = served(SECOND);
        for (int i = 0; i < 6; i++) {
            send(route);
        }
        RunningSuite.pause(Duration.ofMillis(200));
        return served(SECOND) > before;
    }

    /** As the test found it: a second instance it started is stopped and gone from Eureka; one that ran runs again. */
    private static void restore(SuiteLauncher launcher, boolean startedHere) {
        if (startedHere) {
            if (launcher.isRunning(CUSTOMER, 2)) {
                launcher.stopInstance(CUSTOMER, 2);
            }
            await("Eureka no longer lists " + SECOND.instanceName(), REGISTRY, () -> eurekaStatus(SECOND.port()).isEmpty());
        } else if (!launcher.isRunning(CUSTOMER, 2)) {
            launcher.startInstance(CUSTOMER, 2);
            await("Eureka lists " + SECOND.instanceName() + " as UP", REGISTRY, () -> eurekaStatus(SECOND.port()).equals("UP"));
        }
        await(SuiteLauncher.SAMPLE_ROUTE + " answers real data through the gateway", ROUTING,
                () -> Route.GATEWAY_CATALOGS.problem(send(Route.GATEWAY_CATALOGS)) == null);
    }

    private static HttpResponse<byte[]> send(Route route) {
        return Http.get(route.url, "application/json", RunningSuite.readToken());
    }

    /**
     * The instance's count of requests for /customers/{id} (every method and status), read from its Prometheus
     * endpoint on its management port; 0 if the instance does not answer (it is down).
     */
    private static long served(ServiceSpec instance) {
        HttpResponse<byte[]> response;
        try {
            response = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.managementPort()
                    + "/actuator/prometheus")).header("Authorization", RunningSuite.MANAGEMENT_LOGIN).GET());
        } catch (IllegalStateException notAnswering) {
            return 0;
        }
        assertThat(response.statusCode()).as(instance.instanceName() + " metrics").isEqualTo(200);
        double sum = 0;
        for (String line : Http.text(response).split("\n")) {
            if (line.startsWith("http_server_requests_seconds_count{") && line.contains(CUSTOMER_URI)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Math.round(sum);
    }

    /** The instance's status in Eureka (UP, OUT_OF_SERVICE, ...), found by its port; empty if Eureka does not list it. */
    private static String eurekaStatus(int port) {
        return RunningSuite.eurekaRegistry().orElseThrow(() -> new AssertionError("Eureka's registry did not answer"))
                .getOrDefault(port, "");
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant end = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            }
            RunningSuite.pause(Duration.ofMillis(500));
        }
    }
}
