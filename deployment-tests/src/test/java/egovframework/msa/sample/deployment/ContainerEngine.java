package egovframework.msa.sample.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The machine's container engine as the compose test drives it: Docker, or Podman through its
 * Docker-compatible API (deployment-tests/container-host.sh prepares a Debian machine for that), with
 * Compose v2 as {@code docker compose} or {@code docker-compose}. Commands run as processes; their
 * output goes to a log file whose tail an assertion quotes.
 * Testcontainers' compose support is not used: it starts helper containers from Docker Hub (Ryuk,
 * socat), which these machines cannot reach.
 */
final class ContainerEngine {

    static final Path PODMAN_SOCKET = Path.of("/run/podman/podman.sock");

    /** podman or docker: the command that lists images and statistics. */
    private final String cli;
    private final List<String> compose;
    private final Map<String, String> environment;
    private final Path log;

    private ContainerEngine(String cli, List<String> compose, Map<String, String> environment, Path log) {
        this.cli = cli;
        this.compose = compose;
        this.environment = environment;
        this.log = log;
    }

    /** The engine, or why there is none. */
    static Optional<ContainerEngine> find(Path log) {
        String dockerHost = System.getenv("DOCKER_HOST");
        boolean podman = onPath("podman") && (dockerHost == null
                ? Files.exists(PODMAN_SOCKET) : dockerHost.equals("unix://" + PODMAN_SOCKET));
        // Podman's API builds with Buildah; BuildKit's client protocol is not there.
        Map<String, String> environment = podman
                ? Map.of("DOCKER_HOST", "unix://" + PODMAN_SOCKET, "DOCKER_BUILDKIT", "0") : Map.of();
        for (List<String> compose : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            ContainerEngine engine = new ContainerEngine(podman ? "podman" : "docker", compose, environment, log);
            // Compose v2 (1.x rejects the file's top-level name) that reaches an engine (ls asks the engine).
            if (engine.succeeds(withArgs(compose, "version")).filter(v -> v.matches("(?s).*version v?2\\..*")).isPresent()
                    && engine.succeeds(withArgs(compose, "ls")).isPresent()) {
                return Optional.of(engine);
            }
        }
        return Optional.empty();
    }

    boolean isPodman() {
        return "podman".equals(cli);
    }

    /**
     * Podman runs a container's health check from a systemd timer; on a host without systemd (these
     * machines) nothing runs it, the container stays "starting" and compose waits for ever. Until closed,
     * this runs the checks of the project's containers itself, every {@code interval} (the compose file's).
     */
    AutoCloseable runHealthChecks(String project, Duration interval) {
        if (!isPodman() || Files.isDirectory(Path.of("/run/systemd/system"))) {
            return () -> { };
        }
        java.util.concurrent.ScheduledExecutorService ticker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "podman-health-checks");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(() -> succeeds(List.of("podman", "ps", "-q", "--filter",
                        "label=com.docker.compose.project=" + project)).ifPresent(ids -> {
                    for (String id : ids.split("\\s+")) {
                        if (!id.isBlank()) {
                            succeeds(List.of("podman", "healthcheck", "run", id));
                        }
                    }
                }), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return ticker::shutdownNow;
    }

    /** {@code docker compose -p project --env-file env -f file args...}, failing with the log's tail. */
    String compose(String project, Path envFile, Path file, Duration timeout, String... args) {
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("-p", project, "--env-file", envFile.toString(), "-f", file.toString()));
        command.addAll(List.of(args));
        return run(command, timeout);
    }

    /** {@code podman args...} or {@code docker args...}. */
    String engine(Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(cli);
        command.addAll(List.of(args));
        return run(command, timeout);
    }

    /** The command's output if it ran and exited with 0. */
    private Optional<String> succeeds(List<String> command) {
        try {
            Result result = exec(command, Duration.ofSeconds(30), false);
            return result.exitCode == 0 ? Optional.of(result.output) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private String run(List<String> command, Duration timeout) {
        Result result;
        try {
            result = exec(command, timeout, true);
        } catch (IOException e) {
            throw new AssertionError(String.join(" ", command) + " could not run: " + e.getMessage(), e);
        }
        if (result.exitCode != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + result.exitCode
                    + (result.exitCode == -1 ? " (timed out after " + timeout + ")" : "")
                    + "; its last lines:\n" + tail(result.output, 40));
        }
        return result.output;
    }

    private Result exec(List<String> command, Duration timeout, boolean logged) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Path output = Files.createTempFile("container-engine", ".out");
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        try {
            boolean done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (logged) {
                Files.writeString(log, "$ " + String.join(" ", command) + "\n" + text, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
            return new Result(done ? process.exitValue() : -1, text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    private static List<String> withArgs(List<String> command, String... args) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(args));
        return all;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static final class Result {
        final int exitCode;
        final String output;

        Result(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }
    }
}
