package egovframework.msa.sample.deployment;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/guide-map.ko.md and docs/guide-map.md map each section of the guide to the files that show it and
 * the tests that prove it: every repository path and every test class they name must exist, and both name
 * the same ones.
 */
class GuideMapTest {

    private static final Pattern PATH = Pattern.compile("\\.?[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_.-]+)*/?");
    private static final Pattern ROOT_FILE = Pattern.compile("[A-Za-z0-9_.-]+\\.(yml|yaml|xml|md|sh|mmd|json|txt|sql)|\\.[A-Za-z0-9_.-]+|Dockerfile|suite|mvnw");
    private static final Pattern TEST_CLASS = Pattern.compile("[A-Z][A-Za-z0-9]*(Test|IT)");

    @Test
    void everyPathInTheKoreanMapExists() {
        assertThat(missingPaths(paths(Repository.read("docs/guide-map.ko.md")))).isEmpty();
    }

    @Test
    void everyPathInTheEnglishMapExists() {
        assertThat(missingPaths(paths(Repository.read("docs/guide-map.md")))).isEmpty();
    }

    @Test
    void everyTestClassInTheMapsExists() {
        Set<String> named = new TreeSet<>(testClasses(Repository.read("docs/guide-map.ko.md")));
        named.addAll(testClasses(Repository.read("docs/guide-map.md")));
        Set<String> existing = existingTestClasses();
        assertThat(named).as("test classes named in the maps").hasSizeGreaterThan(20);
        assertThat(named.stream().filter(name -> !existing.contains(name)).collect(Collectors.toList()))
                .as("test classes named in the guide maps but found under no */src/test/java").isEmpty();
    }

    @Test
    void bothMapsNameTheSamePathsAndTests() {
        String korean = Repository.read("docs/guide-map.ko.md");
        String english = Repository.read("docs/guide-map.md");
        assertThat(paths(korean)).as("paths in the Korean map").hasSizeGreaterThan(40);
        assertThat(ReadmeParityTest.differences(paths(english), paths(korean), "path")).isEmpty();
        assertThat(ReadmeParityTest.differences(testClasses(english), testClasses(korean), "test class")).isEmpty();
    }

    // --- the extraction itself, on a sample, so that the checks above can fail -------------------------

    @Test
    void findsPathsAndTestClassesInCodeSpansOnly() {
        String sample = "| 서비스 발견 | `eureka-server/pom.xml`, `config-repo/application.yml`, `no/such/File.java` "
                + "| `CustomerTest`, `NoSuchIT` |\n`spring.application.name`, `/catalogs/**`, `./suite up`, "
                + "`Dockerfile`, `docker-compose.yml`, `.ci/run`, `.env.example`, `customer.*`, plain k8s/base/ingress.yaml\n";
        assertThat(paths(sample)).containsExactlyInAnyOrder("eureka-server/pom.xml", "config-repo/application.yml",
                "no/such/File.java", "Dockerfile", "docker-compose.yml", ".ci/run", ".env.example");
        assertThat(missingPaths(paths(sample))).containsExactly("no/such/File.java");
        assertThat(testClasses(sample)).containsExactlyInAnyOrder("CustomerTest", "NoSuchIT");
        assertThat(existingTestClasses()).contains("CustomerTest").doesNotContain("NoSuchIT");
    }

    static Set<String> paths(String markdown) {
        return Markdown.inlineCode(markdown).stream()
                .filter(span -> PATH.matcher(span).matches() && (span.contains("/") || ROOT_FILE.matcher(span).matches()))
                .filter(span -> !TEST_CLASS.matcher(span).matches())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> testClasses(String markdown) {
        return Markdown.inlineCode(markdown).stream().filter(span -> TEST_CLASS.matcher(span).matches())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static List<String> missingPaths(Set<String> paths) {
        List<String> missing = new ArrayList<>();
        for (String path : paths) {
            if (!Files.exists(ServiceConfig.root().resolve(path))) {
                missing.add(path);
            }
        }
        return missing;
    }

    /** The simple names of the classes under any module's src/test/java. */
    private static Set<String> existingTestClasses() {
        return existingClasses("src/test/java");
    }

    /** The simple names of the classes under any module's {@code sourceRoot} (src/main/java, src/test/java). */
    static Set<String> existingClasses(String sourceRoot) {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> modules = Files.list(ServiceConfig.root())) {
            for (Path module : modules.collect(Collectors.toList())) {
                Path tests = module.resolve(sourceRoot);
                if (Files.isDirectory(tests)) {
                    try (Stream<Path> files = Files.walk(tests)) {
                        files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".java"))
                                .forEach(f -> names.add(f.substring(0, f.length() - ".java".length())));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
