package egovframework.msa.sample.deployment;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check to run on a machine with Docker: builds the images, runs docker-compose.yml and asks the
 * gateway for the guide's sample. Skipped where no Docker engine runs (as on our CI machines).
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeSuiteIT {

    @Container
    static final ComposeContainer SUITE = new ComposeContainer(ServiceConfig.root().resolve("docker-compose.yml").toFile())
            .withLocalCompose(true)
            .withBuild(true)
            // What the README's one line puts in .env: a fresh random value for every empty setting of .env.example.
            .withEnv(freshEnvironment())
            .withExposedService("zuul-gateway", 8000,
                    Wait.forHttp("/catalogs/customerinfo/1234").forStatusCode(200)
                            // Anonymous callers see the customer masked.
                            .forResponsePredicate(body -> body.contains("홍*동"))
                            .withStartupTimeout(Duration.ofMinutes(15)));

    @Test
    void gatewayAnswersTheGuideSampleWithTheCustomerFromTheDatabase() throws IOException, InterruptedException {
        String gateway = "http://" + SUITE.getServiceHost("zuul-gateway", 8000) + ":"
                + SUITE.getServicePort("zuul-gateway", 8000);
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(gateway + "/catalogs/customerinfo/1234"))
                        .timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).matches("\\[Customer id = 1234 at \\d{13} name=홍\\*동, .* \\]");
    }

    private static java.util.Map<String, String> freshEnvironment() {
        try {
            java.util.Map<String, String> environment = new java.util.HashMap<>();
            for (String line : java.nio.file.Files.readAllLines(ServiceConfig.root().resolve(".env.example"))) {
                if (line.matches("[A-Z_]+=")) {
                    environment.put(line.substring(0, line.length() - 1), java.util.UUID.randomUUID().toString());
                }
            }
            return environment;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
