package egovframework.msa.sample.deployment;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering of the services (api, application, domain, infrastructure) and their
 * independence from each other, checked on the compiled classes of each module (target/classes: the reactor
 * compiles the service modules before this one, see this module's pom). Plain JUnit 5 tests on ArchUnit's core
 * library: its JUnit 5 engine needs a newer JUnit Platform than Boot 2.3 manages.
 *
 * <p>Exceptions are written into the rules themselves, each with its reason in {@code because(...)}; today there
 * is one: the customer aggregate's JPA annotations.
 */
class ArchitectureTest {

    private static final String SAMPLE = "egovframework.msa.sample.";
    /** Module directory and the root package of its code; msa-support (shared by all) is not in this list. */
    private static final Map<String, String> MODULES = modules();
    /** The modules that are layered into api, application, domain and infrastructure. */
    private static final List<String> LAYERED = List.of("customer-service", "catalogs-service");

    private static final String[] WEB = {"org.springframework.web..", "org.springframework.http..",
            "org.springframework.boot.web..", "javax.servlet..", "org.apache.catalina..", "com.netflix.zuul.."};

    private static Map<String, String> modules() {
        Map<String, String> modules = new LinkedHashMap<>();
        modules.put("config-server", "configserver");
        modules.put("eureka-server", "eureka");
        modules.put("customer-service", "customer");
        modules.put("catalogs-service", "catalogs");
        modules.put("zuul-gateway", "gateway");
        modules.put("turbine-dashboard", "dashboard");
        modules.put("embedded-broker", "broker");
        return modules;
    }

    @Test
    void theDomainKnowsNothingOfTheWeb() {
        for (String module : LAYERED) {
            ArchRule rule = noClasses().that().resideInAPackage(layer(module, "domain"))
                    .should().dependOnClassesThat().resideInAnyPackage(WEB)
                    .because("the domain's rules hold whatever way they are called");
            rule.check(classesOf(module));
        }
    }

    @Test
    void theDomainKnowsNothingOfSpring() {
        for (String module : LAYERED) {
            ArchRule rule = noClasses().that().resideInAPackage(layer(module, "domain"))
                    .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                    .because("domain classes are plain Java; domain services become beans in infrastructure/config "
                            + "(e.g. EmailUniqueness in DomainServicesConfiguration)");
            rule.check(classesOf(module));
        }
    }

    /**
     * The one written-down exception: the customer aggregate root is a JPA entity by annotations. Moving its
     * mapping to META-INF/orm.xml would make the domain annotation-free but puts column names where a reader of
     * Customer does not look, for no change of behaviour; every other domain class stays free of JPA.
     */
    @Test
    void jpaStaysOutOfTheDomainButForTheCustomerAggregatesMapping() {
        for (String module : LAYERED) {
            ArchRule rule = noClasses().that().resideInAPackage(layer(module, "domain"))
                    .and().doNotHaveFullyQualifiedName(SAMPLE + "customer.domain.Customer")
                    .should().dependOnClassesThat().resideInAnyPackage("javax.persistence..", "org.hibernate..")
                    .because("persistence is infrastructure's; exception: customer.domain.Customer is mapped by JPA "
                            + "annotations on its fields (the mapping only, no JPA calls), kept in one place on purpose");
            rule.check(classesOf(module));
        }
        assertThat(classesOf("customer-service").get(SAMPLE + "customer.domain.Customer").isAnnotatedWith("javax.persistence.Entity"))
                .as("the exception above is still needed; remove it when Customer is no longer an annotated entity")
                .isTrue();
    }

    @Test
    void theDomainDependsOnNoOtherLayer() {
        for (String module : LAYERED) {
            ArchRule rule = noClasses().that().resideInAPackage(layer(module, "domain"))
                    .should().dependOnClassesThat().resideInAnyPackage(layer(module, "api"), layer(module, "application"),
                            layer(module, "infrastructure"))
                    .because("the domain is the centre: everything depends on it, it on nothing of its own service");
            rule.check(classesOf(module));
        }
    }

    @Test
    void theApiNeverReachesIntoInfrastructure() {
        for (String module : LAYERED) {
            ArchRule rule = noClasses().that().resideInAPackage(layer(module, "api"))
                    .should().dependOnClassesThat().resideInAPackage(layer(module, "infrastructure"))
                    .because("controllers go through the application's use cases; infrastructure plugs in behind "
                            + "the domain's interfaces");
            rule.check(classesOf(module));
        }
    }

    @Test
    void theApplicationDependsNeitherOnTheApiNorOnInfrastructure() {
        for (String module : LAYERED) {
            ArchRule rule = noClasses().that().resideInAPackage(layer(module, "application"))
                    .should().dependOnClassesThat().resideInAnyPackage(layer(module, "api"), layer(module, "infrastructure"))
                    .orShould().dependOnClassesThat().resideInAnyPackage(WEB)
                    .because("a use case does not know whether HTTP, a message or a test calls it");
            rule.check(classesOf(module));
        }
    }

    @Test
    void noServiceReachesIntoAnotherServicesCode() {
        for (Map.Entry<String, String> module : MODULES.entrySet()) {
            String[] others = MODULES.values().stream().filter(root -> !root.equals(module.getValue()))
                    .map(root -> SAMPLE + root + "..").toArray(String[]::new);
            ArchRule rule = noClasses().should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("services share only msa-support (" + SAMPLE + "support) and talk over HTTP or the broker");
            rule.check(classesOf(module.getKey()));
        }
    }

    @Test
    void eachModulesClassesLiveUnderItsOwnPackage() {
        for (Map.Entry<String, String> module : MODULES.entrySet()) {
            JavaClasses classes = classesOf(module.getKey());
            assertThat(classes.stream().map(c -> c.getName()).filter(name -> !name.startsWith(SAMPLE + module.getValue() + "."))
                    .collect(Collectors.toList())).as(module.getKey() + ": classes outside " + SAMPLE + module.getValue())
                    .isEmpty();
        }
    }

    private static String layer(String module, String layer) {
        return SAMPLE + MODULES.get(module) + "." + layer + "..";
    }

    private static final Map<String, JavaClasses> IMPORTED = new LinkedHashMap<>();

    /** The module's main classes as compiled by the reactor; a clear failure if they are not there. */
    private static synchronized JavaClasses classesOf(String module) {
        return IMPORTED.computeIfAbsent(module, name -> {
            Path classes = ServiceConfig.root().resolve(name).resolve("target/classes");
            Path root = classes.resolve((SAMPLE + MODULES.get(name)).replace('.', '/'));
            assertThat(Files.isDirectory(root)).as(root + " is missing: compile the module first (the reactor does: "
                    + "./mvnw -pl deployment-tests -am test)").isTrue();
            JavaClasses imported = new ClassFileImporter().importPath(classes);
            assertThat(imported.size()).as(name + ": classes imported from " + classes).isGreaterThan(1);
            return imported;
        });
    }
}
