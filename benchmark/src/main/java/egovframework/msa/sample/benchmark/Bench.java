package egovframework.msa.sample.benchmark;

import egovframework.msa.sample.launcher.LauncherException;
import egovframework.msa.sample.launcher.SuiteLauncher;
import egovframework.msa.sample.launcher.SuiteLayout;
import egovframework.msa.sample.launcher.Topology;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./suite bench [a-l ...] [--quick] [--target-host host]}: runs the chosen scenarios (all by
 * default) against the suite running on this machine, prints a table, rewrites BENCHMARKS.md and the
 * scenario c chart, and exits non-zero if any scenario FAILed (a MISS of a target does not). Errors are one line on stderr.
 */
public final class Bench {

    private static final String USAGE = "usage: ./suite bench [a b c d e f g i j k l] [--quick] [--target-host <loopback host>]";
    private static final Duration QUICK = Duration.ofSeconds(15);
    private static final Duration WARM_UP = Duration.ofSeconds(60);
    private static final Duration QUICK_OUTAGE = Duration.ofSeconds(30);

    private Bench() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(args, System.out);
        } catch (BenchException | LauncherException e) {
            System.err.println("bench: " + e.getMessage());
            status = 1;
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage() + "; " + USAGE);
            status = 2;
        }
        System.out.flush();
        System.exit(status); // Gatling leaves non-daemon threads behind
    }

    static int run(String[] args, PrintStream out) {
        TreeSet<Character> letters = new TreeSet<>();
        boolean quick = false;
        String host = Loopback.DEFAULT_HOST;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.equals("--target-host")) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException("--target-host needs a host");
                }
                host = args[++i];
            } else if (arg.matches("[a-gijkl]+")) {
                arg.chars().forEach(c -> letters.add((char) c));
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        if (letters.isEmpty()) {
            "abcdefgijkl".chars().forEach(c -> letters.add((char) c));
        }
        Loopback.require(host);

        Path root = Path.of(System.getProperty("suite.root", ".")).toAbsolutePath().normalize();
        // The same launcher as ./suite: instances it starts get the JIT the running suite was started with.
        SuiteLauncher launcher = SuiteLauncher.forCheckout(root, out, true);
        requireSuiteRunning(launcher);
        Scenarios scenarios = new Scenarios(launcher, out, host).keepStartedServices();

        String started = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        List<ScenarioResult> results = new ArrayList<>();
        try {
            if (!letters.equals(new TreeSet<>(List.of('g')))) {
                scenarios.warmUp(quick ? QUICK : WARM_UP);
            }
            for (char letter : letters) {
                out.println("[bench] running " + letter + (quick ? " (quick)" : "") + " ...");
                results.add(run(scenarios, letter, quick));
            }
        } finally {
            launcher.detach(); // the suite was running before the benchmark and stays running after it
            // A skipped scenario measured nothing: its row keeps the last measurement.
            List<ScenarioResult> measured = new ArrayList<>(results);
            measured.removeIf(r -> r.verdict() == ScenarioResult.Verdict.SKIPPED);
            if (!measured.isEmpty()) {
                writeReport(launcher, root, measured, quick, started, scenarios.resultsDir(), out);
            }
        }
        printTable(results, out);
        boolean failed = results.stream().anyMatch(r -> r.verdict() == ScenarioResult.Verdict.FAIL);
        return failed ? 1 : 0;
    }

    private static ScenarioResult run(Scenarios scenarios, char letter, boolean quick) {
        Duration duration = quick ? QUICK : Scenarios.DEFAULT_DURATION;
        int connections = Scenarios.DEFAULT_CONNECTIONS;
        switch (letter) {
            case 'a':
                return scenarios.healthy(duration, quick ? connections : Scenarios.DEFAULT_HEALTHY_CONNECTIONS);
            case 'b':
                return scenarios.customerDown(duration);
            case 'c':
                return scenarios.instanceKilled(duration, connections);
            case 'd':
                return scenarios.instanceTerminated(duration, connections);
            case 'e':
                return scenarios.registryAndConfigDown(quick ? QUICK_OUTAGE : Scenarios.DEFAULT_OUTAGE);
            case 'f':
                return scenarios.gatewayOverhead(duration);
            case 'g':
                return scenarios.startup();
            case 'i':
                return scenarios.readModelLag(duration, quick ? QUICK : WARM_UP);
            case 'j':
                return scenarios.outboxDrain(quick ? QUICK_OUTAGE : Scenarios.DEFAULT_DRAIN_OUTAGE, quick ? QUICK : WARM_UP);
            case 'k':
                return scenarios.tracingCost(duration);
            case 'l':
                return scenarios.accessRecordsCost(duration);
            default:
                throw new IllegalArgumentException("unknown scenario " + letter);
        }
    }

    /** The scenarios need the sample path healthy, and no leftover second customer-service instance. */
    private static void requireSuiteRunning(SuiteLauncher launcher) {
        for (String name : List.of("zuul-gateway", "catalogs-service", "customer-service")) {
            if (!launcher.isHealthy(Topology.get(name))) {
                throw new BenchException("the suite is not running: " + name + " is not healthy at "
                        + Topology.get(name).healthUrl() + "; start it with ./suite up");
            }
        }
        if (launcher.isRunning("customer-service", 2)) {
            throw new BenchException("customer-service instance 2 is running (left by an interrupted bench?);"
                    + " stop it with ./suite stop customer-service 2");
        }
    }

    private static void printTable(List<ScenarioResult> results, PrintStream out) {
        out.println();
        out.printf("%-28s %-6s %s%n", "scenario", "result", "measured");
        for (ScenarioResult r : results) {
            out.printf("%-28s %-6s %s%n", r.letter() + " " + r.name(), r.verdict(), r.summary());
        }
    }

    /** Start-up is measured on a suite brought up just before; the rest on a suite running the full JIT. */
    private static String reproduce(ScenarioResult r, boolean quick) {
        switch (r.letter()) {
            case "g":
                return "./suite down; ./suite up; ./suite bench g";
            case "h":
                return "./suite down; SUITE_JIT=tiered ./suite up; ./suite bench g";
            case "k": // spans go to a real Zipkin
                return "SUITE_JIT=tiered ./suite up --zipkin; ./suite bench k" + (quick ? " --quick" : "");
            case "j": // needs the embedded broker: a port where no RabbitMQ answers
                return "RABBITMQ_PORT=5673 SUITE_JIT=tiered ./suite up; ./suite bench j" + (quick ? " --quick" : "");
            default:
                return "SUITE_JIT=tiered ./suite up; ./suite bench " + r.letter() + (quick ? " --quick" : "");
        }
    }

    private static String jit(SuiteLauncher launcher) {
        return launcher.jit().name().toLowerCase(Locale.ROOT);
    }

    private static void writeReport(SuiteLauncher launcher, Path root, List<ScenarioResult> results, boolean quick,
            String date, Path resultsDir, PrintStream out) {
        Path file = root.resolve(BenchmarksFile.FILE);
        try {
            String existing = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            List<BenchmarksFile.Row> fresh = new ArrayList<>();
            for (ScenarioResult r : results) {
                fresh.add(BenchmarksFile.Row.of(r, reproduce(r, quick), date + ", JIT " + jit(launcher)));
                if (r.letter().equals("c") && r.timeline() != null) {
                    LatencyChart.write(root.resolve(BenchmarksFile.CHART), String.format(Locale.ROOT,
                            "Scenario c: SIGKILL of customer-service instance 2 (%d connections, %s)",
                            r.figures().getOrDefault("connections", (double) Scenarios.DEFAULT_CONNECTIONS).intValue(), date),
                            r.timeline(), r.marks());
                    out.println("[bench] chart: " + BenchmarksFile.CHART);
                }
            }
            List<BenchmarksFile.Row> rows = BenchmarksFile.merge(BenchmarksFile.readRows(existing), fresh);
            String markdown = BenchmarksFile.render(machine(launcher, date, quick, results), rows,
                    Files.isRegularFile(root.resolve(BenchmarksFile.CHART)), root.relativize(resultsDir).toString());
            Files.writeString(file, markdown, StandardCharsets.UTF_8);
            out.println("[bench] wrote " + BenchmarksFile.FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> machine(SuiteLauncher launcher, String date, boolean quick,
            List<ScenarioResult> results) {
        Map<String, String> machine = new LinkedHashMap<>();
        StringBuilder letters = new StringBuilder();
        results.forEach(r -> letters.append(' ').append(r.letter()));
        machine.put("date", date + ", `./suite bench" + letters + (quick ? " --quick" : "") + "`");
        machine.put("CPU cores", Runtime.getRuntime().availableProcessors() + " (Runtime.availableProcessors), "
                + nproc() + " (nproc)");
        machine.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + ")");
        machine.put("JDK", System.getProperty("java.version") + ", " + System.getProperty("java.vendor") + " ("
                + System.getProperty("java.vm.name") + ")");
        machine.put("JVM options of each service", "`" + String.join(" ", launcher.jvmOptions()) + "` (JIT "
                + jit(launcher) + "; rows measured in another run say their JIT in the date column)");
        machine.put("load generator", "Gatling 3.9.5 in the bench JVM, on the same machine");
        return machine;
    }

    private static String nproc() {
        try {
            Process process = new ProcessBuilder("nproc").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor(5, TimeUnit.SECONDS) && process.exitValue() == 0 ? output : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
