package egovframework.msa.sample.deployment;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README.ko.md is the Korean README, kept in step with README.md: every command a reader types and every
 * URL must appear in both, and each links to the other.
 */
class ReadmeParityTest {

    @Test
    void bothReadmesNameTheSameCommands() {
        String english = Repository.read("README.md");
        String korean = Repository.read("README.ko.md");
        assertThat(Markdown.commands(english)).as("commands in README.md").hasSizeGreaterThan(40);
        assertThat(differences(Markdown.commands(english), Markdown.commands(korean), "command")).isEmpty();
    }

    @Test
    void bothReadmesNameTheSameUrls() {
        String english = Repository.read("README.md");
        String korean = Repository.read("README.ko.md");
        assertThat(Markdown.urls(english)).as("URLs in README.md").hasSizeGreaterThan(10);
        assertThat(differences(Markdown.urls(english), Markdown.urls(korean), "URL")).isEmpty();
    }

    @Test
    void bothReadmesHaveTheSameCodeBlocksInTheSameOrder() {
        List<String> english = blocks(Repository.read("README.md"));
        List<String> korean = blocks(Repository.read("README.ko.md"));
        for (int i = 0; i < Math.min(english.size(), korean.size()); i++) {
            assertThat(korean.get(i)).as("code block %d of README.ko.md", i + 1).isEqualTo(english.get(i));
        }
        assertThat(korean).as("code blocks of README.ko.md").hasSameSizeAs(english);
    }

    @Test
    void bothReadmesHaveTheSameSections() {
        String english = Repository.read("README.md");
        String korean = Repository.read("README.ko.md");
        for (String level : List.of("## ", "### ")) {
            assertThat(headings(korean, level)).as("'" + level.trim() + "' sections of README.ko.md")
                    .isEqualTo(headings(english, level));
        }
    }

    @Test
    void eachReadmeLinksToTheOtherAtTheTop() {
        assertThat(firstLines(Repository.read("README.md"))).contains("(README.ko.md)");
        assertThat(firstLines(Repository.read("README.ko.md"))).contains("(README.md)");
    }

    // --- the extractor itself, on small samples, so that the checks above can fail ---------------------

    private static final String SAMPLE = String.join("\n",
            "# Title",
            "Run `./suite up`, then open http://localhost:8000/catalogs/customerinfo/1234.",
            "Not a command: `config-repo/catalogs.yml`, nor `spring.application.name`.",
            "`SUITE_JIT=tiered ./suite up` and http://localhost:9411/zipkin/을 연다. `kubectl -n egov-msa-dev",
            "port-forward deploy/zipkin 9411` spans two lines.",
            "```bash",
            "curl http://localhost:8000/customers      # the customer API",
            "# a comment line",
            "kubectl -n egov-msa create secret generic rabbitmq \\",
            "  --from-literal=RABBITMQ_HOST=mq.example.go.kr",
            "for m in a b; do",
            "  docker build --build-arg MODULE=$m -t x/$m:latest .",
            "done",
            "curl -d \\",
            "  '{\"a\":1,",
            "    \"b\":2}'",
            "```",
            "```",
            "./suite down   (not a shell block: an illustration)",
            "```",
            "");

    @Test
    void extractsCommandsFromShellBlocksAndInlineCode() {
        assertThat(Markdown.commands(SAMPLE)).containsExactlyInAnyOrder(
                "curl http://localhost:8000/customers",
                "kubectl -n egov-msa create secret generic rabbitmq --from-literal=RABBITMQ_HOST=mq.example.go.kr",
                "docker build --build-arg MODULE=$m -t x/$m:latest .",
                "curl -d '{\"a\":1, \"b\":2}'",
                "./suite up",
                "SUITE_JIT=tiered ./suite up",
                "kubectl -n egov-msa-dev port-forward deploy/zipkin 9411");
    }

    @Test
    void extractsUrlsWithoutTrailingPunctuationOrKoreanParticles() {
        assertThat(Markdown.urls(SAMPLE)).containsExactlyInAnyOrder(
                "http://localhost:8000/catalogs/customerinfo/1234",
                "http://localhost:9411/zipkin/",
                "http://localhost:8000/customers");
    }

    @Test
    void reportsWhatOnlyOneFileNames() {
        String other = SAMPLE.replace("./suite up`, then", "./suite up --zipkin`, then")
                .replace("http://localhost:9411/zipkin/", "http://localhost:9411/");
        assertThat(differences(Markdown.commands(SAMPLE), Markdown.commands(other), "command")).containsExactly(
                "command only in README.md: ./suite up",
                "command only in README.ko.md: ./suite up --zipkin");
        assertThat(differences(Markdown.urls(SAMPLE), Markdown.urls(other), "URL")).containsExactly(
                "URL only in README.md: http://localhost:9411/zipkin/",
                "URL only in README.ko.md: http://localhost:9411/");
    }

    private static List<String> blocks(String markdown) {
        List<String> blocks = new java.util.ArrayList<>();
        Markdown.fencedBlocks(markdown).forEach(b -> blocks.add("```" + b.language + "\n" + b.body));
        return blocks;
    }

    private static long headings(String markdown, String level) {
        return Markdown.prose(markdown).lines().filter(line -> line.startsWith(level)).count();
    }

    @Test
    void readsCodeBlocksAndHeadingsOutsideThem() {
        assertThat(blocks(SAMPLE)).hasSize(2);
        assertThat(blocks(SAMPLE).get(0)).startsWith("```bash\ncurl http://localhost:8000/customers");
        assertThat(blocks(SAMPLE.replace("# a comment line", "# 주석"))).isNotEqualTo(blocks(SAMPLE));
        assertThat(headings(SAMPLE, "# ")).isEqualTo(1);   // "# a comment line" is inside a block
        assertThat(headings(SAMPLE + "\n## More\n", "## ")).isEqualTo(1);
    }

    static List<String> differences(Set<String> english, Set<String> korean, String what) {
        Set<String> out = new LinkedHashSet<>();
        english.stream().filter(e -> !korean.contains(e)).forEach(e -> out.add(what + " only in README.md: " + e));
        korean.stream().filter(k -> !english.contains(k)).forEach(k -> out.add(what + " only in README.ko.md: " + k));
        return List.copyOf(out);
    }

    private static String firstLines(String markdown) {
        String[] lines = markdown.split("\n");
        return String.join("\n", List.of(lines).subList(0, Math.min(5, lines.length)));
    }
}
