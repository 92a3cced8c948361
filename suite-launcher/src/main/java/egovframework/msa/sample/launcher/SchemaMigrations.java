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

/**
 * {@code ./suite migrate}: the one-off schema migration (12-factor XII) of each service that owns a database,
 * as compose and Kubernetes run it: the service's own jar with the argument "migrate" (msa-support,
 * SchemaMigration), against the database the environment names with the variables the service reads
 * ({@code CUSTOMER_DB_URL}, {@code _USERNAME}, {@code _PASSWORD}; {@code CATALOGS_DB_...}). Its output is the
 * migration's own line: where the schema stands, or why it could not be migrated.
 *
 * <p>A service whose URL is not set is skipped with a line saying so: a local run keeps its data in an
 * in-memory H2 database, new at every start, which the service migrates itself as it starts.
 */
public final class SchemaMigrations {

    /** Each service that owns a database, and the prefix of the variables that name it. */
    public static final Map<String, String> DATABASES = databases();
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final SuiteLayout layout;
    private final PrintStream out;

    public SchemaMigrations(SuiteLayout layout, PrintStream out) {
        this.layout = layout;
        this.out = out;
    }

    private static Map<String, String> databases() {
        Map<String, String> databases = new LinkedHashMap<>();
        databases.put("customer-service", "CUSTOMER_DB");
        databases.put("catalogs-service", "CATALOGS_DB");
        return databases;
    }

    /**
     * Migrates every database {@code environment} names, one after the other.
     *
     * @return 0 when each is migrated (or none is named), 1 when any migration failed
     */
    public int run(Map<String, String> environment) {
        int status = 0;
        for (Map.Entry<String, String> database : DATABASES.entrySet()) {
            String service = database.getKey();
            String url = database.getValue() + "_URL";
            if (environment.getOrDefault(url, "").isBlank()) {
                out.println(service + ": " + url + " not set: a local run keeps its data in in-memory H2, which "
                        + service + " migrates itself at every start; nothing to migrate");
                continue;
            }
            if (migrate(Topology.get(service), environment) != 0) {
                status = 1;
            }
        }
        return status;
    }

    private int migrate(ServiceSpec service, Map<String, String> environment) {
        Path jar = layout.jar(service);
        if (!Files.isRegularFile(jar)) {
            throw new LauncherException(jar + " is missing; build with ./mvnw -DskipTests package");
        }
        List<String> command = new ArrayList<>(List.of(SuiteLauncher.javaCommand(),
                "-jar", jar.toString(), "migrate",
                // Only the migration's own lines, as plain messages: where the schema stands, or why not.
                "--logging.pattern.console=%m%n", "--logging.level.root=WARN",
                "--logging.level.egovframework.msa.sample.support=INFO",
                // Boot 2.3's Flyway 6.4 warns "upgrade recommended" twice per run on a PostgreSQL newer than 12 (it
                // works): the containers' logs keep it, this summary does not.
                "--logging.level.org.flywaydb.core.internal.database.base.Database=ERROR"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(layout.root().toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            // Read on its own thread so the timeout below holds even for a process that prints nothing.
            Thread relay = new Thread(() -> relay(process), service.name() + "-migrate-output");
            relay.setDaemon(true);
            relay.start();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                out.println(service.name() + ": schema migration still running after " + TIMEOUT.toMinutes()
                        + " min: stopped");
                return 1;
            }
            relay.join(TimeUnit.SECONDS.toMillis(5));
            return process.exitValue();
        } catch (IOException e) {
            throw new LauncherException("cannot start the schema migration of " + service.name() + ": " + e.getMessage());
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
