package egovframework.msa.sample.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The Zipkin server of a local run ({@code ./suite up --zipkin}): the jar Maven copies from Central into
 * suite-launcher/target/zipkin (pom.xml), one more process with its own log and pid file, listening on
 * 127.0.0.1:9411 only and keeping spans in memory. Its use is recorded in the run directory, so a service
 * started later next to the running suite reports to it too.
 */
public final class Zipkin {

    static final String NAME = "zipkin";
    public static final int PORT = 9411;
    static final ServiceSpec SPEC = new ServiceSpec(NAME, PORT, 0, List.of());
    /** Spans kept in memory (the oldest dropped): Zipkin's default, 500,000, outgrows its 256 MiB heap under load. */
    static final String MAX_SPANS = "50000";
    /** Zipkin answers in about 10 s on 2 cores; this bounds the wait. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private Zipkin() {
    }

    public static String url() {
        return "http://127.0.0.1:" + PORT + "/";
    }

    static Path jar(SuiteLayout layout) {
        return layout.root().resolve("suite-launcher").resolve("target").resolve(NAME).resolve("zipkin-server.jar");
    }

    /** Zipkin's own options: loopback only (Armeria's port list is replaced whole, so all three are named). */
    static List<String> command(String java, Path jar) {
        return List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString(),
                "--armeria.ports[0].port=" + PORT, "--armeria.ports[0].ip=127.0.0.1",
                "--armeria.ports[0].protocols[0]=http");
    }

    static boolean isRequested(SuiteLayout layout) {
        return Files.isRegularFile(layout.zipkinChoice());
    }

    static boolean answers(HttpClient http) {
        try {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url() + "health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
