package egovframework.msa.sample.benchmark;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The one Gatling simulation: for each route of the current {@link LoadPlan}, that many users start at
 * once and each loops GET on its own keep-alive connection until the plan says stop (a closed model:
 * N connections, each sending its next request when the previous one is answered).
 */
public final class BenchSimulation extends Simulation {

    /** Safety bound on top of the plan: a run can never outlive this, whatever the chaos does. */
    static final Duration MAX_OVERRUN = Duration.ofSeconds(30);

    private final LoadPlan plan = LoadPlan.current();

    public BenchSimulation() {
        List<Integer> twoHundreds = IntStream.range(200, 300).boxed().collect(Collectors.toList());
        // Named checks: the name starts the KO message in simulation.log, which SimulationLog classifies.
        CheckBuilder statusCheck = status().in(twoHundreds).name(SimulationLog.NON_2XX_CHECK);
        CheckBuilder answerCheck = plan.expectFallback
                ? regex(SimulationLog.FALLBACK_PATTERN).exists().name(SimulationLog.REAL_ANSWER_CHECK)
                : regex(SimulationLog.FALLBACK_PATTERN).notExists().name(SimulationLog.FALLBACK_CHECK);
        List<PopulationBuilder> populations = plan.routes.stream()
                .map(route -> scenario(route.name)
                        .exec(asLongAs(session -> plan.running()).on(
                                exec(route.authorization == null
                                        ? http(route.name).get(route.url).check(statusCheck, answerCheck)
                                        : http(route.name).get(route.url).header("Authorization", route.authorization)
                                                .check(statusCheck, answerCheck))))
                        .injectOpen(atOnceUsers(route.users)))
                .collect(Collectors.toList());
        // No warm-up request: Gatling's default one goes to https://gatling.io. No cache either: the services
        // send ETags, and a browser-like cache would turn the load into If-None-Match -> 304 round trips.
        setUp(populations)
                .protocols(http.disableWarmUp().disableCaching().acceptHeader("*/*"))
                .maxDuration(plan.duration.plus(MAX_OVERRUN));
    }

    @Override
    public void before() {
        plan.begin();
    }
}
