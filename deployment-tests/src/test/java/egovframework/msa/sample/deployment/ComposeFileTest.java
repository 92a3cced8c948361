package egovframework.msa.sample.deployment;

import egovframework.msa.sample.launcher.ServiceSpec;
import egovframework.msa.sample.launcher.Topology;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static egovframework.msa.sample.deployment.Repository.map;
import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml against the services' own configuration in the docker profile. */
class ComposeFileTest {

    private static final Map<String, Object> COMPOSE = Repository.yaml("docker-compose.yml");

    private static Map<String, Object> service(String name) {
        return map(map(COMPOSE.get("services")).get(name));
    }

    /** The stores compose runs beside the suite, from official images, and the services that use them. */
    static final List<String> STORES = List.of("rabbitmq", "postgres");
    static final Map<String, String> STORE_IMAGES = Map.of("rabbitmq", "rabbitmq:4.1", "postgres", "postgres:17");
    private static final List<String> STORE_USERS = List.of("customer-service", "catalogs-service");
    /** Each service's own database and login, as docker/postgres-init/ creates them. */
    private static final Map<String, String> DATABASES = Map.of("customer-service", "CUSTOMER", "catalogs-service", "CATALOGS");

    /** Prometheus and Grafana: only with docker compose --profile observability (ObservabilityTest). */
    static final List<String> OBSERVABILITY = List.of("prometheus", "grafana");
    /** The one-shot schema migration of each service that owns a database (Factor XII). */
    static final Map<String, String> MIGRATIONS = Map.of("customer-service", "schema-migrate-customer",
            "catalogs-service", "schema-migrate-catalogs");

    /** docker compose up (no profile) starts exactly the six services, their two stores and Zipkin. */
    @Test
    void composeHasExactlyTheSixServicesTheirTwoStoresAndZipkin() {
        List<String> expected = new ArrayList<>(Repository.serviceNames());
        expected.addAll(STORES);
        expected.add("zipkin");
        expected.addAll(MIGRATIONS.values());
        Map<String, Object> services = map(COMPOSE.get("services"));
        assertThat(services.keySet().stream().filter(name -> !map(services.get(name)).containsKey("profiles")))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(services.keySet().stream().filter(name -> map(services.get(name)).containsKey("profiles")))
                .containsExactlyInAnyOrderElementsOf(OBSERVABILITY);
    }

    /**
     * Zipkin: the same server version a local run starts (suite-launcher's pom), in memory, bounded, published
     * on loopback only, and every service on the request path reports to it.
     */
    @Test
    void zipkinIsTheLocalRunsVersionOnLoopbackAndTheRequestPathReportsToIt() {
        java.util.regex.Matcher version = java.util.regex.Pattern.compile("<zipkin-server.version>([^<]+)</zipkin-server.version>")
                .matcher(Repository.read("suite-launcher/pom.xml"));
        assertThat(version.find()).isTrue();
        Map<String, Object> zipkin = service("zipkin");
        assertThat(zipkin.get("image")).isEqualTo("openzipkin/zipkin:" + version.group(1));
        assertThat(Repository.listOf(zipkin.get("ports"))).containsExactly("127.0.0.1:9411:9411");
        assertThat(map(map(map(zipkin.get("deploy")).get("resources")).get("limits"))).containsKey("memory");
        assertThat(map(zipkin.get("environment"))).containsEntry("STORAGE_TYPE", "mem").containsKey("MEM_MAX_SPANS");
        for (String name : List.of("zuul-gateway", "catalogs-service", "customer-service")) {
            assertThat(map(service(name).get("environment"))).as(name)
                    .containsEntry("ZIPKIN_ENABLED", "true").containsEntry("ZIPKIN_URL", "http://zipkin:9411/");
        }
    }

    @Test
    void servicesStartInOrderOnceTheOneBeforeAndTheirStoresAreHealthy() {
        List<ServiceSpec> order = Topology.SERVICES;
        assertThat(map(service(order.get(0).name()).get("depends_on"))).isEmpty();
        for (int i = 1; i < order.size(); i++) {
            String name = order.get(i).name();
            Map<String, Object> dependsOn = map(service(name).get("depends_on"));
            List<String> expected = new ArrayList<>(List.of(order.get(i - 1).name()));
            if (STORE_USERS.contains(name)) {
                expected.addAll(STORES);
                expected.add(MIGRATIONS.get(name));
            }
            assertThat(dependsOn).as(name).containsOnlyKeys(expected.toArray(new String[0]));
            dependsOn.forEach((dependency, condition) -> assertThat(map(condition)).as(name + " on " + dependency)
                    .containsEntry("condition", MIGRATIONS.containsValue(dependency)
                            ? "service_completed_successfully" : "service_healthy"));
        }
        for (String store : STORES) {
            assertThat(map(service(store).get("depends_on"))).as(store + " needs nothing").isEmpty();
        }
    }

    /**
     * Factor XII: each schema migration is a one-shot run of its service's own image with the argument "migrate",
     * never restarted, once PostgreSQL is healthy, with the docker profile and that service's database login and
     * nothing else (no config server, Eureka, broker or token key); the docker profile then only checks the schema.
     */
    @Test
    void schemaMigrationsAreOneShotRunsOfTheServicesImagesWithTheirDatabaseLoginOnly() {
        MIGRATIONS.forEach((name, migration) -> {
            Map<String, Object> job = service(migration);
            Map<String, Object> app = service(name);
            assertThat(job.get("image")).as(migration).isEqualTo(app.get("image"));
            assertThat(map(job.get("build"))).as(migration).isEqualTo(map(app.get("build")));
            assertThat(Repository.listOf(job.get("command"))).as(migration).containsExactly("migrate");
            assertThat(job.get("restart")).as(migration).isEqualTo("no");
            assertThat(job).as(migration).doesNotContainKey("ports").doesNotContainKey("healthcheck");
            assertThat(map(map(map(job.get("deploy")).get("resources")).get("limits"))).containsKey("memory");
            assertThat(map(job.get("depends_on"))).as(migration).containsOnlyKeys("postgres");
            assertThat(map(map(job.get("depends_on")).get("postgres"))).containsEntry("condition", "service_healthy");
            String own = DATABASES.get(name);
            Map<String, Object> environment = map(job.get("environment"));
            List<String> expected = new ArrayList<>(List.of("SPRING_PROFILES_ACTIVE", own + "_DB_URL", own + "_DB_USERNAME",
                    own + "_DB_PASSWORD"));
            if (name.equals("customer-service")) {
                expected.add("CUSTOMER_DB_LOCATIONS");
            }
            assertThat(environment.keySet()).as(migration + ": its database's migration login and profile only")
                    .containsExactlyInAnyOrderElementsOf(expected);
            Map<String, Object> appEnvironment = map(app.get("environment"));
            assertThat(environment.get(own + "_DB_URL")).as(migration + ": the service's database").isEqualTo(appEnvironment.get(own + "_DB_URL"));
            // The migration login (DDL): its own user and password, never the service's DML-only login.
            assertThat(Repository.composeDefault(String.valueOf(environment.get(own + "_DB_USERNAME"))))
                    .isEqualTo(own.toLowerCase(java.util.Locale.ROOT) + "_migration");
            assertThat(String.valueOf(environment.get(own + "_DB_PASSWORD"))).as(migration + ": the migration password, from .env, required")
                    .startsWith("${" + own + "_MIGRATION_DB_PASSWORD:?");
            assertThat(String.valueOf(environment.get(own + "_DB_USERNAME"))).startsWith("${" + own + "_MIGRATION_DB_USERNAME:-");
            assertThat(map(service("postgres").get("environment"))).as("the postgres service creates the migration login")
                    .containsEntry(own + "_MIGRATION_DB_PASSWORD", environment.get(own + "_DB_PASSWORD"));
            if (expected.contains("CUSTOMER_DB_LOCATIONS")) {
                assertThat(environment.get("CUSTOMER_DB_LOCATIONS")).as("the service validates what its migration applied")
                        .isEqualTo(appEnvironment.get("CUSTOMER_DB_LOCATIONS"));
                assertThat(Repository.composeDefault(String.valueOf(environment.get("CUSTOMER_DB_LOCATIONS"))))
                        .as("compose is the demo: the sample customers").isEqualTo("classpath:db/migration,classpath:db/seed");
            }
            assertThat(environment.get("SPRING_PROFILES_ACTIVE")).isEqualTo("docker");
            Map<String, String> env = new HashMap<>(Repository.imageEnvironment());
            env.putAll(environment(app));
            assertThat(ServiceConfig.of(name, "docker", env).property("suite.schema.migrate-on-start", Boolean.class, true))
                    .as(name + " only checks its schema in the docker profile").isFalse();
        });
    }

    /**
     * RabbitMQ and PostgreSQL: the official images, on the compose network only, with a health check the
     * image provides, data on a named volume, a memory limit, log rotation, and credentials only from .env.
     */
    @Test
    void theStoresAreOfficialImagesReachableOnlyOnTheComposeNetwork() {
        for (String store : STORES) {
            Map<String, Object> service = service(store);
            assertThat(service.get("image")).as(store).isEqualTo(STORE_IMAGES.get(store));
            assertThat(service).as(store + ": not published on the host").doesNotContainKey("ports").doesNotContainKey("build");
            assertThat(service.get("restart")).isNotNull();
            assertThat(map(map(map(service.get("deploy")).get("resources")).get("limits"))).containsKey("memory");
            assertThat(map(map(service.get("logging")).get("options"))).as("log rotation").containsKeys("max-size", "max-file");
            Map<String, Object> healthcheck = map(service.get("healthcheck"));
            if (store.equals("rabbitmq")) {
                // Healthy once the services' users exist (docker/rabbitmq/suite-users.sh), and the node answers.
                assertThat(Repository.<Object>listOf(healthcheck.get("test"))).as(store + " health check")
                        .containsExactly("CMD", "bash", "/opt/suite/suite-users.sh", "healthy");
                assertThat(Repository.read("docker/rabbitmq/suite-users.sh"))
                        .contains("test -f /var/lib/rabbitmq/suite-users.ready && exec rabbitmq-diagnostics -q ping");
            } else {
                assertThat(Repository.<Object>listOf(healthcheck.get("test"))).as(store + " health check").startsWith("CMD", "pg_isready");
            }
            String dataDir = store.equals("rabbitmq") ? "/var/lib/rabbitmq" : "/var/lib/postgresql/data";
            List<String> volumes = Repository.<Object>listOf(service.get("volumes")).stream().map(String::valueOf)
                    .collect(Collectors.toList());
            assertThat(volumes).as(store + ": data on a named volume").contains(store + "-data:" + dataDir);
            assertThat(map(COMPOSE.get("volumes"))).containsKey(store + "-data");
            map(service.get("environment")).forEach((name, value) -> {
                if (name.contains("PASS")) {
                    assertThat(String.valueOf(value)).as(store + " " + name + ": from .env, required").matches("\\$\\{[A-Z_]+:\\?.*}");
                }
            });
        }
        assertThat(Repository.<Object>listOf(service("postgres").get("volumes"))).as("the init script, read-only")
                .contains("./docker/postgres-init/10-service-databases.sh:/docker-entrypoint-initdb.d/10-service-databases.sh:ro");
    }

    /**
     * In the docker profile customer and catalogs refuse missing or development store settings
     * (suite.required-settings): compose sets every one of them, the passwords only from .env; each
     * service gets only its own database login, to the database the init script creates for it.
     */
    @Test
    void customerAndCatalogsGetTheirOwnDatabaseAndTheBrokerFromDotEnv() {
        String init = Repository.read("docker/postgres-init/10-service-databases.sh");
        for (String name : STORE_USERS) {
            Map<String, Object> environment = map(service(name).get("environment"));
            Map<String, String> env = new HashMap<>(Repository.imageEnvironment());
            env.putAll(environment(service(name)));
            List<String> required = List.of(ServiceConfig.of(name, "docker", env).property("suite.required-settings", String.class, "")
                    .split("\\s*,\\s*"));
            String own = DATABASES.get(name);
            assertThat(required).as(name + " refuses a missing database URL, database and broker password in containers")
                    .contains(own + "_DB_URL", own + "_DB_PASSWORD", "RABBITMQ_PASSWORD", "RABBITMQ_BUS_PASSWORD");
            for (String variable : required) {
                assertThat(environment).as(name + " " + variable).containsKey(variable);
                if (variable.contains("PASSWORD") || variable.contains("SECRET") || variable.contains("KEY")) {
                    assertThat(String.valueOf(environment.get(variable))).as(name + " " + variable + ": from .env, required")
                            .matches("\\$\\{[A-Z_]+:\\?.*}");
                }
            }
            String database = own.toLowerCase(java.util.Locale.ROOT);
            assertThat(Repository.composeDefault(String.valueOf(environment.get(own + "_DB_URL"))))
                    .isEqualTo("jdbc:postgresql://postgres:5432/" + database);
            assertThat(Repository.composeDefault(String.valueOf(environment.get(own + "_DB_USERNAME")))).isEqualTo(database);
            assertThat(init).as("the init script creates " + name + "'s database and both its logins")
                    .contains("\nservice_database " + database + " \"$" + own + "_DB_PASSWORD\" \"$" + own + "_MIGRATION_DB_PASSWORD\"\n");
            assertThat(Repository.composeDefault(String.valueOf(environment.get(own + "_DB_PASSWORD")))).as(name + ": never the migration login")
                    .doesNotContain("MIGRATION");
            assertThat(Repository.composeDefault(String.valueOf(environment.get("RABBITMQ_HOST")))).isEqualTo("rabbitmq");
            assertThat(environment.get("RABBITMQ_USERNAME")).as("the broker's user: its own, never the operator's")
                    .isNotEqualTo(map(service("rabbitmq").get("environment")).get("RABBITMQ_DEFAULT_USER"));
            DATABASES.values().stream().filter(other -> !other.equals(own)).forEach(other ->
                    assertThat(environment.keySet()).as(name + ": not " + other + "'s login").noneMatch(v -> v.startsWith(other + "_DB_")));
            assertThat(map(service("postgres").get("environment"))).as("the postgres service creates the login with the same password")
                    .containsEntry(own + "_DB_PASSWORD", environment.get(own + "_DB_PASSWORD"));
        }
    }

    /**
     * Two database logins: the migration login (DDL) reaches only the one-off migrations (which also run the
     * access records' prune), and PostgreSQL, which creates it; no service gets it, whatever its variable is called.
     */
    @Test
    void theMigrationLoginReachesOnlyTheOneOffMigrations() {
        Map<String, Object> services = map(COMPOSE.get("services"));
        String init = Repository.read("docker/postgres-init/10-service-databases.sh");
        assertThat(init).as("the service login: rows only, on what the migration login creates")
                .contains("CREATE DATABASE :\"db\" OWNER :\"migration\";")
                .contains("ALTER DEFAULT PRIVILEGES FOR ROLE :\"migration\" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :\"db\";")
                .contains("REVOKE ALL ON SCHEMA public FROM PUBLIC;").doesNotContain("GRANT ALL");
        services.forEach((name, definition) -> {
            boolean migration = MIGRATIONS.containsValue(name) || name.equals("postgres");
            map(map(definition).get("environment")).forEach((variable, value) -> {
                boolean migrationLogin = String.valueOf(value).contains("_MIGRATION_DB_") || variable.contains("_MIGRATION_DB_");
                assertThat(migrationLogin && !migration).as(name + " " + variable + "=" + value + ": the migration login").isFalse();
            });
        });
        MIGRATIONS.values().forEach(migration -> assertThat(map(service(migration).get("environment")).values())
                .as(migration + " logs in with the migration login").anySatisfy(v -> assertThat(String.valueOf(v)).contains("_MIGRATION_DB_PASSWORD")));
    }

    /** The capabilities a store's entrypoint (root, chown, then gosu/setpriv to its user) needs back: no other. */
    private static final List<String> ENTRYPOINT_CAPABILITIES = List.of("CHOWN", "DAC_OVERRIDE", "FOWNER", "SETUID", "SETGID");
    /** Not read-only: RabbitMQ's entrypoint writes its configuration under /etc/rabbitmq at start. */
    private static final List<String> WRITABLE_ROOT = List.of("rabbitmq");
    /** On the edge network besides the internal one: the gateway, and what is published on loopback. */
    private static final List<String> EDGE = List.of("zuul-gateway", "config-server", "eureka-server", "turbine-dashboard",
            "zipkin", "prometheus", "grafana");

    /**
     * Every container, the observability profile's too: all capabilities dropped (the stores get back only
     * what their entrypoints need), no-new-privileges, a read-only root file system with a size-limited /tmp in
     * memory, the internal network (no route out). Only the gateway and what is published on loopback join the
     * edge network as well; everything else, the stores and the services holding personal data among them, is
     * on the internal one alone.
     */
    @TestFactory
    Stream<DynamicTest> everyContainerIsHardenedAndOnTheInternalNetwork() {
        Map<String, Object> networks = map(COMPOSE.get("networks"));
        assertThat(map(networks.get("internal"))).containsEntry("internal", true);
        assertThat(networks.get("edge") == null ? Map.of() : map(networks.get("edge"))).doesNotContainEntry("internal", true);
        return map(COMPOSE.get("services")).keySet().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Map<String, Object> service = service(name);
            assertThat(Repository.listOf(service.get("cap_drop"))).as(name + " cap_drop").containsExactly("ALL");
            List<Object> added = service.containsKey("cap_add") ? Repository.listOf(service.get("cap_add")) : List.of();
            if (name.equals("rabbitmq")) {
                // Its PID 1 is docker/rabbitmq/suite-users.sh (root), which forwards TERM to the broker (user rabbitmq).
                List<String> withKill = new ArrayList<>(ENTRYPOINT_CAPABILITIES);
                withKill.add("KILL");
                assertThat(added).as(name + ": its entrypoint's, and KILL to stop the broker").containsExactlyInAnyOrderElementsOf(withKill);
            } else if (STORES.contains(name)) {
                assertThat(added).as(name + ": what its entrypoint needs, no more").containsExactlyInAnyOrderElementsOf(ENTRYPOINT_CAPABILITIES);
            } else {
                assertThat(added).as(name + " cap_add").isEmpty();
            }
            assertThat(Repository.listOf(service.get("security_opt"))).as(name + " security_opt").contains("no-new-privileges:true");
            assertThat(service.get("privileged")).as(name).isNotEqualTo(true);
            assertThat(service).as(name).doesNotContainKeys("pid", "ipc", "network_mode", "devices", "userns_mode");
            if (WRITABLE_ROOT.contains(name)) {
                assertThat(service.get("read_only")).as(name + ": the documented exception").isEqualTo(false);
            } else {
                assertThat(service.get("read_only")).as(name + " read_only").isEqualTo(true);
            }
            assertThat(Repository.listOf(service.get("tmpfs"))).as(name + ": /tmp in memory, size-limited")
                    .anySatisfy(t -> assertThat(String.valueOf(t)).matches("/tmp:size=\\d+m"));
            List<Object> joined = Repository.listOf(service.get("networks"));
            if (EDGE.contains(name)) {
                assertThat(joined).as(name + " networks").containsExactlyInAnyOrder("internal", "edge");
            } else {
                assertThat(joined).as(name + ": the internal network only").containsExactly("internal");
                assertThat(service).as(name + ": nothing published from the internal network").doesNotContainKey("ports");
            }
            for (Object volume : service.containsKey("volumes") ? Repository.listOf(service.get("volumes")) : List.of()) {
                String mount = String.valueOf(volume);
                if (mount.startsWith("./")) {
                    assertThat(mount).as(name + ": a file of the repository, read-only").endsWith(":ro");
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyServiceMatchesItsApplication() {
        return Repository.serviceNames().stream().map(name -> DynamicTest.dynamicTest(name, () -> check(name)));
    }

    private static void check(String name) {
        Map<String, Object> service = service(name);
        Map<String, String> declared = environment(service);
        Map<String, String> env = new HashMap<>(Repository.imageEnvironment());
        env.putAll(declared);
        assertThat(env).containsEntry("SPRING_PROFILES_ACTIVE", "docker");
        ServiceConfig config = ServiceConfig.of(name, "docker", env);

        assertThat(map(map(service.get("build")).get("args"))).containsEntry("MODULE", name);
        assertThat((String) service.get("image")).startsWith("egov-msa-suite/" + name + ":");
        int port = config.port();
        assertThat(port).as("same port as ./suite up").isEqualTo(Topology.get(name).port());
        // Only the gateway is published on every interface; the dashboards on the host's loopback; the rest not at all.
        List<Object> published = service.containsKey("ports") ? Repository.listOf(service.get("ports")) : List.of();
        if (name.equals("zuul-gateway")) {
            assertThat(published).containsExactly(port + ":" + port);
            // Links name the published port; no proxy in front, so no caller's forwarded chain counts.
            assertThat(declared).containsEntry("GATEWAY_PUBLIC_URL", "http://localhost:" + port)
                    .containsEntry("TRUSTED_PROXIES", "");
        } else {
            assertThat(published).allSatisfy(p -> assertThat(p.toString()).isEqualTo("127.0.0.1:" + port + ":" + port));
        }

        List<Object> test = Repository.listOf(map(service.get("healthcheck")).get("test"));
        assertThat(test).as("healthcheck").startsWith("CMD", "curl");
        String url = (String) test.get(test.size() - 1);
        String management = "http://localhost:" + config.managementPort();
        assertThat(url).as("health check on the management port").startsWith(management + "/");
        assertThat(config.exposedPaths()).contains(url.substring(management.length()));
        assertThat(config.managementPort()).isEqualTo(Topology.get(name).managementPort());

        assertThat(config.variablesRead()).as("variables " + name + " reads").containsAll(declared.keySet());
        assertThat(config.unresolvedPlaceholders()).as("unresolved placeholders in the docker profile").isEmpty();
        assertThat(service.get("restart")).isNotNull();
        assertThat(map(map(map(service.get("deploy")).get("resources")).get("limits"))).containsKey("memory");
        assertThat(map(map(service.get("logging")).get("options"))).as("log rotation").containsKeys("max-size", "max-file");
    }

    /** The users the broker's script makes: name variable, password variable and the three permission patterns. */
    private static final java.util.regex.Pattern USER_LINE = java.util.regex.Pattern.compile(
            "^user \"\\$(RABBITMQ_[A-Z]+_USERNAME|RABBITMQ_DEFAULT_USER)\" \"\\$(RABBITMQ_[A-Z_]+)\"\\s+'([^']*)'\\s+'([^']*)'\\s+'([^']*)'(.*)$",
            java.util.regex.Pattern.MULTILINE);

    /**
     * One RabbitMQ user per purpose (docker/rabbitmq/suite-users.sh, run next to the broker): customer-service
     * publishes to customer.events only, catalogs binds and consumes its own queue only, the bus user has
     * springCloudBus and its anonymous queues only; RabbitMQ's default user, the only administrator, is the
     * operator's and no service's; every password from .env, required; each service gets its own logins only.
     */
    @Test
    void oneBrokerUserPerPurposeWithPermissionsOnItsOwnExchangeAndQueuesOnly() {
        Map<String, Object> broker = map(service("rabbitmq").get("environment"));
        assertThat(Repository.<Object>listOf(service("rabbitmq").get("entrypoint"))).containsExactly("bash", "/opt/suite/suite-users.sh");
        assertThat(Repository.<Object>listOf(service("rabbitmq").get("volumes")))
                .contains("./docker/rabbitmq/suite-users.sh:/opt/suite/suite-users.sh:ro");
        broker.forEach((name, value) -> {
            if (name.contains("PASS")) {
                assertThat(String.valueOf(value)).as("rabbitmq " + name + ": from .env, required").matches("\\$\\{[A-Z_]+:\\?.*}");
            }
        });
        // Continued lines joined: one user call a line.
        String script = Repository.read("docker/rabbitmq/suite-users.sh").replaceAll("\\\\\n\\s*", " ");
        Map<String, List<String>> permissions = new HashMap<>();
        java.util.regex.Matcher line = USER_LINE.matcher(script);
        while (line.find()) {
            assertThat(broker).as("the broker gets " + line.group(2)).containsKey(line.group(2));
            permissions.put(line.group(1), List.of(line.group(3), line.group(4), line.group(5), line.group(6).trim()));
        }
        assertThat(permissions).containsOnlyKeys("RABBITMQ_DEFAULT_USER", "RABBITMQ_CUSTOMER_USERNAME",
                "RABBITMQ_CATALOGS_USERNAME", "RABBITMQ_BUS_USERNAME");
        assertThat(permissions.get("RABBITMQ_DEFAULT_USER").get(3)).isEqualTo("administrator");
        permissions.forEach((user, granted) -> {
            if (!user.equals("RABBITMQ_DEFAULT_USER")) {
                assertThat(granted.get(3)).as(user + ": no tag, so no administrator or management").isEmpty();
            }
        });
        assertThat(script).as("users the suite does not know go").contains("delete_user");

        String queue = "catalogs.customer-events";
        String anonymous = "springCloudBus.anonymous.aBc-12_x";
        List<String> names = List.of("customer.events", queue, queue + ".dlq", "springCloudBus", anonymous, "amq.topic",
                "catalogs.customer-events.other", "springCloudBusX", "amq.default", "customer.events.tap");
        // (RabbitMQ checks the default exchange "" under the name amq.default, so "^$" matches nothing.)
        // configure, write, read: exactly these names of the list above.
        assertPermits(permissions.get("RABBITMQ_CUSTOMER_USERNAME"), names, List.of("customer.events"),
                List.of("customer.events"), List.of());
        assertPermits(permissions.get("RABBITMQ_CATALOGS_USERNAME"), names, List.of("customer.events", queue, queue + ".dlq"),
                // amq.default: the queue's dead-letter exchange, which RabbitMQ checks at declaration.
                List.of(queue, "amq.default"), List.of("customer.events", queue));
        assertPermits(permissions.get("RABBITMQ_BUS_USERNAME"), names, List.of("springCloudBus", anonymous),
                List.of("springCloudBus", anonymous), List.of("springCloudBus", anonymous));

        Map<String, String> defaults = environment(service("rabbitmq"));
        Map<String, String> logins = Map.of("customer-service", "RABBITMQ_CUSTOMER", "catalogs-service", "RABBITMQ_CATALOGS");
        for (String name : Repository.serviceNames()) {
            Map<String, Object> raw = map(service(name).get("environment"));
            Map<String, String> environment = environment(service(name));
            assertThat(environment.get("RABBITMQ_BUS_USERNAME")).as(name + ": the bus user").isEqualTo(defaults.get("RABBITMQ_BUS_USERNAME"));
            assertThat(String.valueOf(raw.get("RABBITMQ_BUS_PASSWORD"))).isEqualTo(String.valueOf(broker.get("RABBITMQ_BUS_PASSWORD")));
            assertThat(raw.values().stream().map(String::valueOf)).as(name + ": never the operator's password")
                    .noneMatch(value -> value.contains("RABBITMQ_ADMIN"));
            String own = logins.get(name);
            if (own == null) {
                assertThat(environment).as(name + ": the bus only").doesNotContainKeys("RABBITMQ_USERNAME", "RABBITMQ_PASSWORD");
            } else {
                assertThat(environment.get("RABBITMQ_USERNAME")).isEqualTo(defaults.get(own + "_USERNAME"));
                assertThat(String.valueOf(raw.get("RABBITMQ_PASSWORD"))).isEqualTo(String.valueOf(broker.get(own + "_PASSWORD")));
                logins.values().stream().filter(other -> !other.equals(own)).forEach(other -> assertThat(raw.values().stream()
                        .map(String::valueOf)).as(name + ": not " + other + "'s password").noneMatch(v -> v.contains(other + "_PASSWORD")));
            }
        }
        assertThat(environment(service("catalogs-service")).get("CUSTOMER_EVENTS_PUBLISHER"))
                .as("catalogs applies the events of customer-service's user").isEqualTo(defaults.get("RABBITMQ_CUSTOMER_USERNAME"));
    }

    private static void assertPermits(List<String> granted, List<String> names, List<String> configure, List<String> write,
                                      List<String> read) {
        List<List<String>> expected = List.of(configure, write, read);
        for (int i = 0; i < 3; i++) {
            java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(granted.get(i));
            List<String> permitted = names.stream().filter(n -> pattern.matcher(n).find()).collect(Collectors.toList());
            assertThat(permitted).as(List.of("configure", "write", "read").get(i) + " " + granted.get(i))
                    .containsExactlyInAnyOrderElementsOf(expected.get(i));
        }
    }

    private static Map<String, String> environment(Map<String, Object> service) {
        return map(service.get("environment")).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> Repository.composeDefault(String.valueOf(e.getValue()))));
    }
}
