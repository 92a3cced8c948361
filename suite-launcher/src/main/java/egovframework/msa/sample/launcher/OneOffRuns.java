package egovframework.msa.sample.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One-off admin processes (12-factor XII) of the services that own a database, as compose and Kubernetes run
 * them: the service's own jar with arguments ({@code migrate}, {@code access-records verify}, ...), against the
 * database the environment names with the variables the service reads ({@code CUSTOMER_DB_URL}, {@code _USERNAME},
 * {@code _PASSWORD}; {@code CATALOGS_DB_...}). Their output is the process's own lines.
 */
final class OneOffRuns {

    /** Each service that owns a database, and the prefix of the variables that name it. */
    static final Map<String, String> DATABASES = databases();
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final SuiteLayout layout;
    private final PrintStream out;

    OneOffRuns(SuiteLayout layout, PrintStream out) {
        this.layout = layout;
        this.out = out;
    }

    private static Map<String, String> databases() {
        Map<String, String> databases = new LinkedHashMap<>();
        databases.put("customer-service", "CUSTOMER_DB");
        databases.put("catalogs-service", "CATALOGS_DB");
        return databases;
    }

    /** Whether the environment names any service's database. */
    static boolean anyDatabaseNamed(Map<String, String> environment) {
        return DATABASES.values().stream().anyMatch(prefix -> !environment.getOrDefault(prefix + "_URL", "").isBlank());
    }

    /**
     * Runs {@code arguments} for every database {@code environment} names, one after the other; a service whose URL
     * is not set is skipped with the line {@code skipped} gives for it.
     *
     * @return 0 when each run exited 0 (or none ran), 1 when any did not
     */
    int onEachDatabase(Map<String, String> environment, List<String> arguments, Function<String, String> skipped) {
        int status = 0;
        for (Map.Entry<String, String> database : DATABASES.entrySet()) {
            String service = database.getKey();
            if (environment.getOrDefault(database.getValue() + "_URL", "").isBlank()) {
                out.println(skipped.apply(service));
                continue;
            }
            if (run(Topology.get(service), arguments, environment) != 0) {
                status = 1;
            }
        }
        return status;
    }

    private int run(ServiceSpec service, List<String> arguments, Map<String, String> environment) {
        Path jar = layout.jar(service);
        if (!Files.isRegularFile(jar)) {
            throw new LauncherException(jar + " is missing; build with ./mvnw -DskipTests package");
        }
        List<String> command = new ArrayList<>(List.of(SuiteLauncher.javaCommand(), "-jar", jar.toString()));
        command.addAll(arguments);
        // Only the process's own lines, as plain messages: what it found, or why it could not.
        command.addAll(List.of("--logging.pattern.console=%m%n", "--logging.level.root=WARN",
                "--logging.level.egovframework.msa.sample.support=INFO",
                // Boot 2.3's Flyway 6.4 warns "upgrade recommended" twice per run on a PostgreSQL newer than 12 (it
                // works): the containers' logs keep it, this summary does not.
                "--logging.level.org.flywaydb.core.internal.database.base.Database=ERROR"));
        String what = service.name() + " " + String.join(" ", arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(layout.root().toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        // Run from ./suite on a developer's machine: a local run (RequiredSettingsCheck), as the services it starts.
        builder.environment().put(SuiteLayout.LOCAL_PROFILE_VARIABLE, SuiteLayout.LOCAL_PROFILE);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            // Read on its own thread so the timeout below holds even for a process that prints nothing.
            Thread relay = new Thread(() -> relay(process), service.name() + "-one-off-output");
            relay.setDaemon(true);
            relay.start();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                out.println(what + ": still running after " + TIMEOUT.toMinutes() + " min: stopped");
                return 1;
            }
            relay.join(TimeUnit.SECONDS.toMillis(5));
            return process.exitValue();
        } catch (IOException e) {
            throw new LauncherException("cannot start " + what + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted");
        }
    }

    private void relay(Process process) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            lines.lines().filter(line -> !line.isBlank()).forEach(out::println);
        } catch (IOException | java.io.UncheckedIOException e) {
            // the process ended; its exit status tells
        }
    }
}
