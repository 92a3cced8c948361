package egovframework.msa.sample.deployment;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs here, so the image recipe is checked by reading it: it builds from what the
 * repository holds, the reactor stage is the same for every service, and the runtime is a non-root JRE.
 */
class DockerfileTest {

    private static final String DOCKERFILE = Repository.read("Dockerfile");

    @Test
    void copiesOnlyWhatTheRepositoryHolds() {
        Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(\\S+)").matcher(DOCKERFILE);
        List<String> sources = new ArrayList<>();
        while (copy.find()) {
            sources.add(copy.group(1));
        }
        assertThat(sources).isNotEmpty();
        sources.forEach(source -> assertThat(ServiceConfig.root().resolve(source)).as(source).exists());
        assertThat(Arrays.asList(Repository.read(".dockerignore").split("\n")))
                .as("build output, logs and git history stay out of the context")
                .contains("**/target/", "var/", "logs/", ".git/");
    }

    @Test
    void reactorStageIsTheSameForEveryServiceAndBuildsThemAll() {
        String build = DOCKERFILE.substring(DOCKERFILE.indexOf("AS build"), DOCKERFILE.indexOf("AS layers"));
        assertThat(build).doesNotContain("MODULE").contains("./mvnw");
        Matcher modules = Pattern.compile("-pl (\\S+)").matcher(build);
        assertThat(modules.find()).isTrue();
        assertThat(modules.group(1).split(",")).containsExactlyInAnyOrderElementsOf(Repository.serviceNames());
        assertThat(Files.isExecutable(ServiceConfig.root().resolve("mvnw"))).isTrue();
    }

    @Test
    void runtimeIsANonRootJre17WithMemoryAwareJvmOptions() {
        String runtime = DOCKERFILE.substring(DOCKERFILE.lastIndexOf("\nFROM "));
        assertThat(runtime).contains("FROM eclipse-temurin:17-jre").contains("\nUSER 10001");
        assertThat(Repository.imageEnvironment().get("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=")
                .as("--add-opens apart from the heap options an operator may override").doesNotContain("--add-opens");
        assertThat(Repository.imageEnvironment().get("JDK_JAVA_OPTIONS"))
                .contains("--add-opens=java.base/java.lang=ALL-UNNAMED")
                .contains("--add-opens=java.base/java.io=ALL-UNNAMED");
        assertThat(Repository.imageEnvironment()).as("a writable HOME for JGit on a read-only root")
                .containsEntry("HOME", "/tmp").containsEntry("SPRING_PROFILES_ACTIVE", "docker");
        assertThat(runtime).contains("layers/dependencies/").contains("layers/application/")
                .contains("org.springframework.boot.loader.JarLauncher");
    }

    /** The JVM's budget (JvmFootprint) fits compose's memory limit with 5 % to spare; the k8s one is checked on the rendered overlays. Full tiered JIT. */
    @Test
    void jvmMemoryFitsComposesLimitWithFullJit() {
        String options = Repository.imageEnvironment().get("JAVA_TOOL_OPTIONS");
        assertThat(options).doesNotContain("TieredStopAtLevel").doesNotContain("-TieredCompilation");
        assertThat(JvmFootprint.capsEverything(options)).as(options).isTrue();
        Matcher composeLimit = Pattern.compile("memory: (\\d+)M").matcher(Repository.read("docker-compose.yml"));
        assertThat(composeLimit.find()).as("compose limits memory").isTrue();
        double limit = Double.parseDouble(composeLimit.group(1));
        assertThat(JvmFootprint.mebibytes(options, limit)).as("JVM budget in a %s MiB container", limit).isLessThanOrEqualTo(0.95 * limit);
        assertThat(limit * Double.parseDouble(JvmFootprint.option(options, "-XX:MaxRAMPercentage=")) / 100).as("heap").isGreaterThanOrEqualTo(256);
    }

    @Test
    void aBuildWithoutModuleStopsWithOneLineAndImagesCarryTheVersion() {
        String layers = DOCKERFILE.substring(DOCKERFILE.indexOf("AS layers"), DOCKERFILE.lastIndexOf("\nFROM "));
        assertThat(layers.indexOf("RUN test -n \"$MODULE\"")).as("MODULE checked before it is used")
                .isPositive().isLessThan(layers.indexOf("COPY --from=build"));
        Matcher version = Pattern.compile("ARG VERSION=(\\S+)").matcher(DOCKERFILE);
        assertThat(version.find()).isTrue();
        String pom = Repository.read("pom.xml");
        String projectVersion = pom.substring(pom.indexOf("</parent>")).replaceAll("(?s).*?<version>([^<]+)</version>.*", "$1");
        assertThat(projectVersion.replace("-SNAPSHOT", "")).as("image version = project version").isEqualTo(version.group(1));
        assertThat(DOCKERFILE).contains("org.opencontainers.image.version=\"${VERSION}\"");
    }

    /** The README builds the images without compose (no .env needed) for compose and for Kubernetes alike. */
    @Test
    void theReadmeBuildsEveryImageWithoutCompose() {
        Matcher loop = Pattern.compile("for m in ([a-z -]+); do\\n\\s+docker build --build-arg MODULE=\\$m -t egov-msa-suite/\\$m:(\\w+)")
                .matcher(Repository.read("README.md"));
        List<String> tags = new ArrayList<>();
        while (loop.find()) {
            assertThat(loop.group(1).trim().split(" ")).containsExactlyInAnyOrderElementsOf(Repository.serviceNames());
            tags.add(loop.group(2));
        }
        assertThat(tags).as("compose's tag and the dev overlay's").contains("latest", "dev");
    }

    @Test
    void scriptsKeepUnixLineEndingsOnEveryCheckout() {
        String attributes = Repository.read(".gitattributes");
        for (String script : List.of("mvnw", "suite", ".ci/run", "*.sh")) {
            assertThat(attributes).as(script).containsPattern("(?m)^" + Pattern.quote(script) + "\\s+.*eol=lf");
        }
    }
}
