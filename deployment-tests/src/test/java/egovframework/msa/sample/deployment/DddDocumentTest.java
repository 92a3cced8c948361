package egovframework.msa.sample.deployment;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/ddd.ko.md (and its English twin docs/ddd.md) write down the domain analysis from the code: every path
 * and every class they name must exist, so a renamed class or a moved file fails here instead of leaving the
 * analysis wrong. {@code customer/…} and {@code catalogs/…} abbreviate the services' root packages.
 */
class DddDocumentTest {

    private static final String CUSTOMER = "customer-service/src/main/java/egovframework/msa/sample/customer/";
    private static final String CATALOGS = "catalogs-service/src/main/java/egovframework/msa/sample/catalogs/";
    /** A class, maybe with a member: {@code Customer}, {@code CustomerEvent.Registered}, {@code CustomerInfo.masked()}. */
    private static final Pattern CLASS = Pattern.compile("([A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*)(\\.[A-Za-z]+(\\(\\))?)*");

    @Test
    void everyPathInTheKoreanAnalysisExists() {
        assertThat(GuideMapTest.missingPaths(paths(Repository.read("docs/ddd.ko.md")))).isEmpty();
    }

    @Test
    void everyPathInTheEnglishAnalysisExists() {
        assertThat(GuideMapTest.missingPaths(paths(Repository.read("docs/ddd.md")))).isEmpty();
    }

    @Test
    void everyClassTheAnalysesNameExists() {
        Set<String> named = classes(Repository.read("docs/ddd.ko.md"));
        named.addAll(classes(Repository.read("docs/ddd.md")));
        Set<String> existing = GuideMapTest.existingClasses("src/main/java");
        assertThat(named).as("classes named in the analysis").hasSizeGreaterThan(25);
        assertThat(named.stream().filter(name -> !existing.contains(name)).collect(Collectors.toList()))
                .as("classes named in docs/ddd*.md but found under no */src/main/java").isEmpty();
    }

    @Test
    void bothAnalysesNameTheSamePathsAndClasses() {
        String korean = Repository.read("docs/ddd.ko.md");
        String english = Repository.read("docs/ddd.md");
        assertThat(ReadmeParityTest.differences(paths(english), paths(korean), "path")).isEmpty();
        assertThat(ReadmeParityTest.differences(classes(english), classes(korean), "class")).isEmpty();
    }

    @Test
    void readsAbbreviatedPathsAndClassNames() {
        String sample = "`customer/domain/Customer.java`, `catalogs/domain/NoSuch.java`, `CustomerInfo.masked()`, "
                + "`CustomerEvent.Registered`, `NoSuchClass`, `ADMIN`, `customer.events`, `customer/domain/*`";
        assertThat(paths(sample)).containsExactlyInAnyOrder(CUSTOMER + "domain/Customer.java", CATALOGS + "domain/NoSuch.java");
        assertThat(GuideMapTest.missingPaths(paths(sample))).containsExactly(CATALOGS + "domain/NoSuch.java");
        assertThat(classes(sample)).containsExactlyInAnyOrder("CustomerInfo", "CustomerEvent", "NoSuchClass");
        assertThat(GuideMapTest.existingClasses("src/main/java")).contains("CustomerInfo", "CustomerEvent")
                .doesNotContain("NoSuchClass");
    }

    static Set<String> paths(String markdown) {
        String expanded = markdown.replace("`customer/", "`" + CUSTOMER).replace("`catalogs/", "`" + CATALOGS);
        return GuideMapTest.paths(expanded);
    }

    static Set<String> classes(String markdown) {
        Set<String> names = new TreeSet<>();
        List<String> spans = Markdown.inlineCode(markdown);
        for (String span : spans) {
            Matcher m = CLASS.matcher(span);
            if (m.matches()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
