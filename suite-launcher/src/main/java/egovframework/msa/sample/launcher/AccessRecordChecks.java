package egovframework.msa.sample.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./suite access-records verify | prune}: the check of the services' access records (개인정보 접속기록).
 *
 * <p>verify: with {@code CUSTOMER_DB_URL} / {@code CATALOGS_DB_URL} set (as {@code ./suite migrate} reads them), the
 * one-off {@code access-records verify} of each service's jar against that database, as the Kubernetes CronJobs run
 * it. Without them, a local run: the records are in each running instance's own H2 database, new at every start,
 * which nothing outside the instance opens, so each running instance of customer-service and catalogs checks its own chain
 * ({@code /actuator/accessrecords/verify} on its management port, the operators' login) and the launcher prints
 * its line. Either way one line per chain, and a non-zero exit if any chain is broken or could not be checked.
 *
 * <p>prune: only against databases the environment names; a local run's records go with its H2 database.
 */
public final class AccessRecordChecks {

    private static final String VERIFY_PATH = "/actuator/accessrecords/verify";
    /** Verifying reads the whole chain: seconds for a hundred thousand records, so a generous bound. */
    private static final Duration VERIFY_TIMEOUT = Duration.ofMinutes(2);

    private final SuiteLauncher launcher;
    private final PrintStream out;
    private final OneOffRuns runs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public AccessRecordChecks(SuiteLauncher launcher, PrintStream out) {
        this.launcher = launcher;
        this.out = out;
        this.runs = new OneOffRuns(launcher.layout(), out);
    }

    /** @return 0 when every chain checked is intact, 1 when one is broken or could not be checked */
    public int verify(Map<String, String> environment) {
        if (OneOffRuns.anyDatabaseNamed(environment)) {
            return runs.onEachDatabase(environment, List.of("access-records", "verify"), service -> service + ": "
                    + OneOffRuns.DATABASES.get(service) + "_URL not set: not checked");
        }
        List<ServiceSpec> running = new ArrayList<>();
        for (String service : OneOffRuns.DATABASES.keySet()) {
            for (int n = 1; n <= ServiceSpec.MAX_INSTANCES; n++) {
                if (launcher.isRunning(service, n)) {
                    running.add(Topology.get(service).instance(n));
                }
            }
        }
        return verify(running);
    }

    /** Each instance checks its own chain; 0 when every one is intact. */
    int verify(List<ServiceSpec> instances) {
        if (instances.isEmpty()) {
            out.println("no instance of " + String.join(" or ", OneOffRuns.DATABASES.keySet()) + " runs: start the suite with"
                    + " ./suite up, or name the databases to check with CUSTOMER_DB_URL and CATALOGS_DB_URL");
            return 1;
        }
        int status = 0;
        for (ServiceSpec instance : instances) {
            status = Math.max(status, verify(instance));
        }
        return status;
    }

    /** @return 0 when each named database was pruned (or none is named), 1 when any was not */
    public int prune(Map<String, String> environment) {
        return runs.onEachDatabase(environment, List.of("access-records", "prune"), service -> service + ": "
                + OneOffRuns.DATABASES.get(service) + "_URL not set: a local run's records are in each instance's own H2"
                + " database, new at every start; nothing to prune");
    }

    /** One running instance checks its chain; its line, prefixed with the instance. */
    private int verify(ServiceSpec instance) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(instance.managementUrl(VERIFY_PATH)))
                .header("Accept", "text/plain").header("Authorization", DevelopmentTokens.managementLogin())
                .timeout(VERIFY_TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String line = response.body().strip();
            if (response.statusCode() == 200 || response.statusCode() == 409) {
                out.println(instance.instanceName() + ": " + line);
                return response.statusCode() == 200 ? 0 : 1;
            }
            out.println(instance.instanceName() + ": access records not checked: " + instance.managementUrl(VERIFY_PATH)
                    + " answered " + response.statusCode() + (line.isEmpty() ? "" : " " + firstLine(line)));
        } catch (IOException e) {
            out.println(instance.instanceName() + ": access records not checked: " + instance.managementUrl(VERIFY_PATH)
                    + " does not answer (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted");
        }
        return 1;
    }

    private static String firstLine(String text) {
        String first = text.lines().findFirst().orElse("");
        return first.length() > 200 ? first.substring(0, 200) + "…" : first;
    }
}
