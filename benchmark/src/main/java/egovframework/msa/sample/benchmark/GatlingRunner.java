package egovframework.msa.sample.benchmark;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import io.gatling.app.Gatling;
import io.gatling.core.config.GatlingPropertiesBuilder;
import org.slf4j.LoggerFactory;
import scala.collection.mutable.Map;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a {@link LoadPlan} with Gatling inside this JVM ({@code io.gatling.app.Gatling.fromMap}, the entry
 * the Gatling build plugins use) and reads the figures from the run's simulation.log. Runs are
 * sequential: Gatling keeps its configuration in a global, and the plan is handed over through one too.
 * Gatling ends each run by stopping Logback, the actor system and its event loops; the next run starts
 * them afresh, so several runs in one JVM work once logging is re-initialised (see {@link #resetLogging}).
 */
public final class GatlingRunner {

    /** Not counted: lets the JIT, the connection pools and Hystrix's thread pools settle first. */
    static final Duration WARM_UP = Duration.ofSeconds(5);
    /** A request that takes longer than this is a failure (and the run stays bounded). */
    private static final int REQUEST_TIMEOUT_MS = 10_000;

    /** Gatling's configuration and the plan in progress are globals: one run at a time per JVM. */
    private static final Object ONE_RUN_AT_A_TIME = new Object();

    private final Path resultsDir;

    /** @param resultsDir where Gatling writes one directory per measured run (simulation.log, HTML report) */
    public GatlingRunner(Path resultsDir) {
        this.resultsDir = resultsDir.toAbsolutePath().normalize();
    }

    public Path resultsDir() {
        return resultsDir;
    }

    /** A short run of the same load, not recorded, then the measured run with its HTML report. */
    public Measured warmUpAndRun(LoadPlan plan) {
        run(plan.warmUp(WARM_UP), false);
        return run(plan, true);
    }

    /** The figures of one measured run and where Gatling put its files. */
    public static final class Measured {
        public final RunStats stats;
        public final Path runDir;
        public final java.util.Map<String, Long> marks;

        Measured(RunStats stats, Path runDir, java.util.Map<String, Long> marks) {
            this.stats = stats;
            this.runDir = runDir;
            this.marks = marks;
        }
    }

    Measured run(LoadPlan plan, boolean measured) {
        synchronized (ONE_RUN_AT_A_TIME) {
            return runAlone(plan, measured);
        }
    }

    private Measured runAlone(LoadPlan plan, boolean measured) {
        try {
            Files.createDirectories(resultsDir);
            Set<Path> before = runDirs();
            isolateGatlingFromTheNetwork();
            resetLogging();
            LoadPlan.setCurrent(plan);
            int status;
            try {
                status = Gatling.fromMap(overrides(plan, measured));
            } finally {
                LoadPlan.setCurrent(null);
            }
            plan.finishChaos(Duration.ofMinutes(10));
            if (status != 0) {
                throw new BenchException("Gatling run " + plan.id + " ended with status " + status);
            }
            if (!measured) {
                return null;
            }
            Path runDir = runDirs().stream().filter(dir -> !before.contains(dir)).findFirst()
                    .orElseThrow(() -> new BenchException("Gatling wrote no results for run " + plan.id + " in " + resultsDir));
            RunStats stats = RunStats.of(SimulationLog.read(runDir.resolve("simulation.log")), plan.started());
            return new Measured(stats, runDir, plan.marks());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }

    private Map<String, Object> overrides(LoadPlan plan, boolean measured) throws IOException {
        // Gatling scans this folder for compiled simulations before it looks the configured class up on the
        // class path; an empty one keeps it from loading whatever sits in ./target/test-classes.
        Path noBinaries = Files.createDirectories(resultsDir.resolve(".no-binaries"));
        GatlingPropertiesBuilder properties = new GatlingPropertiesBuilder()
                .simulationClass(BenchSimulation.class.getName())
                .resultsDirectory(resultsDir.toString())
                .binariesDirectory(noBinaries.toString())
                .runDescription(plan.id);
        if (!measured) {
            properties.noReports();
        }
        Map<String, Object> map = properties.build();
        map.put("gatling.core.outputDirectoryBaseName", plan.id);
        // The warm-up writes nothing; the measured run only the simulation.log (no console summary every 5 s).
        map.put("gatling.data.writers", measured ? List.of("file") : List.of());
        map.put("gatling.data.enableAnalytics", false); // on by default: posts a usage event to amplitude.com
        map.put("gatling.http.warmUpUrl", "");           // on by default: a request to https://gatling.io
        map.put("gatling.ssl.useOpenSsl", false);        // plain HTTP; the OpenSSL natives are excluded in the pom
        map.put("gatling.http.requestTimeout", REQUEST_TIMEOUT_MS);
        return map;
    }

    private Set<Path> runDirs() throws IOException {
        try (Stream<Path> dirs = Files.list(resultsDir)) {
            return dirs.filter(Files::isDirectory).collect(Collectors.toSet());
        }
    }

    /**
     * Gatling 3.9 looks up its latest release on search.maven.org before each run unless a check is
     * remembered in Java Preferences. Keep the preferences in the results folder, not in ~/.java, and
     * remember a failed check far in the future, so that Gatling never calls out.
     */
    private void isolateGatlingFromTheNetwork() throws IOException {
        if (System.getProperty("java.util.prefs.userRoot") == null) {
            Path prefs = resultsDir.resolve(".prefs");
            Files.createDirectories(prefs.resolve(".java").resolve(".userPrefs")); // else the JDK logs that it made it
            System.setProperty("java.util.prefs.userRoot", prefs.toString());
        }
        Preferences latest = Preferences.userRoot().node("/io/gatling/latestVersion");
        latest.putLong("lastCheckTimestamp", Long.MAX_VALUE / 2);
        latest.putBoolean("lastCheckSuccess", false);
        try {
            latest.flush();
        } catch (BackingStoreException e) {
            // in memory is enough: the check reads the node, not the file
        }
    }

    /**
     * Gatling stops Logback at the end of every run; without a fresh configuration the next run logs at
     * DEBUG into no appender. Reload logback.xml (warnings only) before each run.
     */
    private static void resetLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext) {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            context.reset();
            try {
                new ContextInitializer(context).autoConfig();
            } catch (JoranException e) {
                throw new BenchException("cannot configure logging: " + e.getMessage());
            }
        }
    }
}
