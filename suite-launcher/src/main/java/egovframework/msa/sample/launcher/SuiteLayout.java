package egovframework.msa.sample.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where things are: the checkout (jars, config-repo/) and the run directory that holds one log and one
 * pid file per service plus the seeded config git repository. The end-to-end tests use their own run
 * directory, so they never touch a suite a developer has running.
 */
public final class SuiteLayout {

    private final Path root;
    private final Path runDir;

    public SuiteLayout(Path root, Path runDir) {
        this.root = root.toAbsolutePath().normalize();
        this.runDir = runDir.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path runDir() {
        return runDir;
    }

    public Path jar(ServiceSpec service) {
        return root.resolve(service.name()).resolve("target").resolve(service.name() + ".jar");
    }

    public Path log(ServiceSpec service) {
        return runDir.resolve("logs").resolve(service.instanceName() + ".log");
    }

    public Path pidFile(ServiceSpec service) {
        return runDir.resolve("pids").resolve(service.instanceName() + ".pid");
    }

    /** The embedded broker's data (Derby): durable queues and persistent messages survive its restart. */
    public Path brokerWorkDir() {
        return runDir.resolve(Broker.MODULE);
    }

    /** Which broker the last {@code ./suite up} chose (see {@link Broker}). */
    public Path brokerChoice() {
        return runDir.resolve("broker");
    }

    /** The broker the services of this run directory use: the recorded choice, else where one is looked for. */
    Broker broker() {
        return Broker.read(brokerChoice()).orElseGet(Broker::wanted);
    }

    /** Present when the last {@code ./suite up} started Zipkin (see {@link Zipkin}). */
    public Path zipkinChoice() {
        return runDir.resolve("zipkin");
    }

    /**
     * customer-service's database in a local run: an H2 file of the instance's own under the run directory, made
     * afresh at every start (the launcher deletes it first), unless the developer names one (CUSTOMER_DB_URL). Not
     * the in-memory H2 of config-repo's default: every request for personal data leaves an access record, and a long
     * load (the benchmark, the end-to-end tests) leaves hundreds of thousands, which in-memory H2 keeps on the heap
     * (about 700 bytes each) until -Xmx256m is full. In a file they stay on disk; the heap holds H2's page cache.
     */
    static final Map<String, String> FILE_DATABASES = Map.of("customer-service", "CUSTOMER_DB");

    /** Flyway's locations with the sample customers (config-repo/customer.yml, spring.flyway.locations). */
    public static final String SEEDED_LOCATIONS = "classpath:db/migration,classpath:db/seed";

    /** Where an instance's local H2 file database lives (see {@link #FILE_DATABASES}). */
    public Path databaseDir(ServiceSpec service) {
        return runDir.resolve("data").resolve(service.instanceName());
    }

    /** The JDBC URL of that database. */
    String databaseUrl(ServiceSpec service) {
        return "jdbc:h2:file:" + databaseDir(service).resolve("data").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /** The git repository the config server seeds from config-repo/ and serves. */
    public Path configGitDir() {
        return runDir.resolve("config-server").resolve("seed");
    }

    /** A local run, explicitly: the one profile under which the services take the development defaults. */
    static final String LOCAL_PROFILE_VARIABLE = "SPRING_PROFILES_INCLUDE";
    static final String LOCAL_PROFILE = "local";

    /**
     * Environment every service gets: how to find the config server, Eureka and the broker (RABBITMQ_*, the
     * one {@code ./suite up} chose), and the config folders.
     */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        // A local run, explicitly: only under this profile do the services take topology.properties' development
        // defaults (RequiredSettingsCheck); included, so a developer's SPRING_PROFILES_ACTIVE keeps its meaning.
        env.put(LOCAL_PROFILE_VARIABLE, LOCAL_PROFILE);
        env.put("CONFIG_SERVER_URI", "http://localhost:" + Topology.get("config-server").port());
        env.put("EUREKA_HOST", "localhost:" + Topology.get("eureka-server").port());
        // The URL callers use: the gateway names it in X-Forwarded-Host/-Proto, whatever Host they send.
        env.put("GATEWAY_PUBLIC_URL", Topology.get("zuul-gateway").url(""));
        env.put("CONFIG_REPO_DIR", root.resolve("config-repo").toString());
        env.put("CONFIG_SEED_GIT_DIR", configGitDir().toString());
        env.put("CONFIG_BASEDIR", runDir.resolve("config-server").resolve("clone").toString());
        // This run's secrets (the token key): made afresh by ./suite up, or the developer's own.
        RunSecrets secrets = RunSecrets.of(this);
        RunSecrets.KEYS.forEach(key -> env.put(key, secrets.get(key)));
        Broker broker = broker();
        env.put("RABBITMQ_HOST", broker.host());
        env.put("RABBITMQ_PORT", Integer.toString(broker.port()));
        env.put("RABBITMQ_USERNAME", DevelopmentTokens.brokerUsername());
        env.put("RABBITMQ_PASSWORD", DevelopmentTokens.brokerPassword());
        if (Zipkin.isRequested(this)) {
            env.put("ZIPKIN_ENABLED", "true");
            env.put("ZIPKIN_URL", Zipkin.url());
        }
        return env;
    }

    /** The embedded broker's users of one purpose each, as compose's RabbitMQ names them. */
    static final String CUSTOMER_EVENTS_USER = "customer-events";
    static final String CATALOGS_EVENTS_USER = "catalogs-events";
    static final String BUS_USER = "suite-bus";

    /**
     * The broker logins of one process, over those of {@link #environment()}: with the embedded broker, one
     * per purpose with this run's random passwords, as compose and Kubernetes have them (customer-service its
     * events login, catalogs its own and customer-service's user name, every service the bus's; the broker
     * all of them). With RabbitMQ of this machine (guest/guest, which it accepts over loopback only) nothing:
     * every purpose shares guest there, for the launcher cannot make users in a broker it does not own.
     */
    Map<String, String> brokerLogins(String process) {
        Map<String, String> env = new LinkedHashMap<>();
        if (broker().kind() != Broker.Kind.EMBEDDED) {
            return env;
        }
        RunSecrets secrets = RunSecrets.of(this);
        String bus = secrets.get("EMBEDDED_BROKER_BUS_PASSWORD");
        if (process.equals(Broker.MODULE)) {
            env.put("RABBITMQ_CUSTOMER_USERNAME", CUSTOMER_EVENTS_USER);
            env.put("RABBITMQ_CUSTOMER_PASSWORD", secrets.get("EMBEDDED_BROKER_CUSTOMER_PASSWORD"));
            env.put("RABBITMQ_CATALOGS_USERNAME", CATALOGS_EVENTS_USER);
            env.put("RABBITMQ_CATALOGS_PASSWORD", secrets.get("EMBEDDED_BROKER_CATALOGS_PASSWORD"));
            env.put("RABBITMQ_BUS_USERNAME", BUS_USER);
            env.put("RABBITMQ_BUS_PASSWORD", bus);
            return env;
        }
        env.put("RABBITMQ_BUS_USERNAME", BUS_USER);
        env.put("RABBITMQ_BUS_PASSWORD", bus);
        if (process.equals("customer-service")) {
            env.put("RABBITMQ_USERNAME", CUSTOMER_EVENTS_USER);
            env.put("RABBITMQ_PASSWORD", secrets.get("EMBEDDED_BROKER_CUSTOMER_PASSWORD"));
        } else if (process.equals("catalogs-service")) {
            env.put("RABBITMQ_USERNAME", CATALOGS_EVENTS_USER);
            env.put("RABBITMQ_PASSWORD", secrets.get("EMBEDDED_BROKER_CATALOGS_PASSWORD"));
            env.put("CUSTOMER_EVENTS_PUBLISHER", CUSTOMER_EVENTS_USER);
        } else {
            // The bus only: not the broker's first login (guest), which stays the developer's.
            env.put("RABBITMQ_USERNAME", BUS_USER);
            env.put("RABBITMQ_PASSWORD", bus);
        }
        return env;
    }
}
