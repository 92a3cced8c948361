package egovframework.msa.sample.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up failures a user can act on end the process with one clear line, not a stack trace: the
 * packaged jars, started as a user or a container would start them.
 */
class StartupFailuresIT {

    @Test
    void containerProfilesRefuseToStartWithoutCredentials() throws Exception {
        Result catalogs = run("catalogs-service", Map.of("SPRING_PROFILES_ACTIVE", "k8s"));
        assertThat(catalogs.exitCode).isNotZero();
        assertThat(catalogs.errorLines).containsExactly(
                "Refusing to start. Missing CONFIG_SERVER_PASSWORD, EUREKA_PASSWORD, JWT_HMAC_SECRET, MANAGEMENT_PASSWORD,"
                        + " STREAM_KEY, METRICS_PASSWORD, CATALOGS_DB_URL, CATALOGS_DB_PASSWORD, RABBITMQ_PASSWORD, RABBITMQ_BUS_PASSWORD,"
                        + " CUSTOMER_EVENTS_PUBLISHER (profile k8s takes"
                        + " credentials and keys from the environment: .env or a Kubernetes Secret, fresh random values;"
                        + " README; never from defaults)");
        assertThat(catalogs.output).doesNotContain("\tat ");

        Result configServer = run("config-server", Map.of("SPRING_PROFILES_ACTIVE", "docker", "CONFIG_SERVER_PASSWORD", "x"));
        assertThat(configServer.exitCode).isNotZero();
        assertThat(configServer.errorLines).hasSize(1);
        assertThat(configServer.errorLines.get(0)).startsWith("Refusing to start. Missing CONFIG_OPERATOR_PASSWORD, ENCRYPT_KEY,")
                .contains("CONFIG_PASSWORD_CATALOGS").contains(" (profile docker");
    }

    @Test
    void aContainerProfileRefusesTheDevelopmentKeyInOneLine() throws Exception {
        Result gateway = run("zuul-gateway", Map.of("SPRING_PROFILES_ACTIVE", "docker",
                "CONFIG_SERVER_PASSWORD", "Vq3xT9mLp2Rz8WkN", "EUREKA_PASSWORD", "Hs7dK2pQx9LmT4vB",
                "MANAGEMENT_PASSWORD", "Zt5nW8qLr3Xv6KpJ", "STREAM_KEY", "Bm2cY7hTq4Nw9RfD", "METRICS_PASSWORD", "Pw4sZ8nLq2Ck7YtE",
                "RABBITMQ_BUS_PASSWORD", "Gq8wE3rTy6Ui1OpA", "JWT_HMAC_SECRET", "dev-jwt-hmac-key-of-a-development-setup-32b"));
        assertThat(gateway.exitCode).isNotZero();
        assertThat(gateway.errorLines).hasSize(1);
        assertThat(gateway.errorLines.get(0)).startsWith("Refusing to start. Development value in JWT_HMAC_SECRET (profile docker");
        assertThat(gateway.output).doesNotContain("\tat ");
    }

    /** Fail closed: the development defaults only under the local profile, never in a start without it. */
    @Test
    void aStartWithoutTheLocalProfileRefusesTheDevelopmentDefaultsInOneLine() throws Exception {
        Result bare = run("catalogs-service", Map.of());
        assertThat(bare.exitCode).isNotZero();
        assertThat(bare.errorLines).containsExactly(
                "Refusing to start. Missing CONFIG_SERVER_PASSWORD, EUREKA_PASSWORD, JWT_HMAC_SECRET, MANAGEMENT_PASSWORD,"
                        + " STREAM_KEY, METRICS_PASSWORD, CATALOGS_DB_URL, CATALOGS_DB_PASSWORD, RABBITMQ_PASSWORD, RABBITMQ_BUS_PASSWORD,"
                        + " CUSTOMER_EVENTS_PUBLISHER (a start"
                        + " without a profile is not a local run and takes credentials and keys from the environment, fresh"
                        + " random values; README; development defaults only under the local profile, which ./suite sets)");
        assertThat(bare.output).doesNotContain("\tat ");

        Result prodKr = run("customer-service", Map.of("SPRING_PROFILES_ACTIVE", "prod-kr"));
        assertThat(prodKr.exitCode).isNotZero();
        assertThat(prodKr.errorLines).hasSize(1);
        assertThat(prodKr.errorLines.get(0)).startsWith("Refusing to start. Missing CONFIG_SERVER_PASSWORD, EUREKA_PASSWORD,")
                .contains("RABBITMQ_BUS_PASSWORD (profile prod-kr is not a local run");
        assertThat(prodKr.output).doesNotContain("\tat ");
    }

    /** The image sets SUITE_IMAGE=true (Dockerfile): a container started with the local profile stops at once. */
    @Test
    void theImageRefusesTheLocalProfileInOneLine() throws Exception {
        Result gateway = run("zuul-gateway", Map.of("SPRING_PROFILES_ACTIVE", "local", "SUITE_IMAGE", "true"));
        assertThat(gateway.exitCode).isNotZero();
        assertThat(gateway.errorLines).containsExactly("Refusing to start. The local profile is for a developer's machine,"
                + " not for the suite's image (SUITE_IMAGE=true); run the image with the docker or k8s profile and its"
                + " credentials from the environment (README)");
        assertThat(gateway.output).doesNotContain("\tat ");
    }

    @Test
    void aServiceThatNeverReachesTheConfigServerSaysSoInOneLine() throws Exception {
        Result customer = run("customer-service", Map.of("SPRING_PROFILES_ACTIVE", "local", "CONFIG_SERVER_URI", "http://127.0.0.1:9",
                "SPRING_CLOUD_CONFIG_RETRY_MAX_ATTEMPTS", "2", "SPRING_CLOUD_CONFIG_RETRY_INITIAL_INTERVAL", "100"));
        assertThat(customer.exitCode).isNotZero();
        assertThat(customer.errorLines).hasSize(1);
        assertThat(customer.errorLines.get(0)).contains("Config server unreachable at http://127.0.0.1:9 after all retries");
        assertThat(customer.output).doesNotContain("\tat ");
    }

    static final class Result {
        final int exitCode;
        final String output;
        final List<String> errorLines;

        Result(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
            // Plain lines locally; one JSON object per line in the docker and k8s profiles (logback-spring.xml),
            // where a stack trace would be a field rather than "\tat" lines.
            this.errorLines = output.lines().map(Result::errorMessage).filter(message -> message != null)
                    .collect(Collectors.toList());
        }

        private static String errorMessage(String line) {
            if (line.startsWith("{")) {
                try {
                    JsonNode json = Http.JSON.readTree(line);
                    assertThat(json.has("stackTrace")).as("a stack trace in " + line).isFalse();
                    return json.path("level").asText().equals("ERROR") ? json.path("message").asText() : null;
                } catch (IOException e) {
                    throw new AssertionError("not one JSON object: " + line, e);
                }
            }
            return line.contains(" ERROR ") ? line.substring(line.indexOf(" : ") + 3) : null;
        }
    }

    /** Runs a service's packaged jar with this environment (without the test JVM's settings and credentials). */
    static Result run(String service, Map<String, String> environment) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-jar",
                root.resolve(service).resolve("target").resolve(service + ".jar").toString())
                .directory(root.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("SPRING_") || name.contains("PASSWORD")
                || name.equals("ENCRYPT_KEY") || name.startsWith("JWT_") || name.equals("SUITE_IMAGE"));
        builder.environment().putAll(environment);
        Path log = Files.createTempFile(service, ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        process.getOutputStream().close();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                throw new AssertionError(service + " neither failed nor stopped within 90 s");
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }
}
