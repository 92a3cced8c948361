package egovframework.msa.sample.deployment;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topology diagram's source is docs/topology.mmd (Mermaid); both READMEs embed exactly that source in a
 * mermaid block, so GitHub draws it and an edit of one without the other fails here.
 */
class TopologyDiagramTest {

    @Test
    void theEnglishReadmeEmbedsTheDiagramSource() {
        assertThat(mermaidBlocks(Repository.read("README.md"))).containsExactly(source());
    }

    @Test
    void theKoreanReadmeEmbedsTheDiagramSource() {
        assertThat(mermaidBlocks(Repository.read("README.ko.md"))).containsExactly(source());
    }

    @Test
    void theSourceDrawsEveryServiceOfTheSuite() {
        assertThat(source()).startsWith("flowchart");
        for (String service : Repository.serviceNames()) {
            assertThat(source()).as("topology.mmd names " + service).contains(service);
        }
    }

    @Test
    void findsOnlyMermaidBlocks() {
        String sample = "text\n```mermaid\nflowchart LR\n  a --> b\n```\n```bash\n./suite up\n```\n";
        assertThat(mermaidBlocks(sample)).containsExactly("flowchart LR\n  a --> b\n");
        assertThat(mermaidBlocks(sample.replace("a --> b", "a --> c"))).doesNotContain("flowchart LR\n  a --> b\n");
    }

    private static String source() {
        return Repository.read("docs/topology.mmd");
    }

    static List<String> mermaidBlocks(String markdown) {
        return Markdown.fencedBlocks(markdown).stream().filter(b -> "mermaid".equals(b.language))
                .map(b -> b.body).collect(Collectors.toList());
    }
}
