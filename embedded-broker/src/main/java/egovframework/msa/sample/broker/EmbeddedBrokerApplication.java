package egovframework.msa.sample.broker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.qpid.server.SystemLauncher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * An AMQP 0-9-1 broker (Apache Qpid Broker-J) for a developer's machine without RabbitMQ: {@code ./suite up}
 * starts it when nothing answers on RABBITMQ_HOST:RABBITMQ_PORT. It listens on 127.0.0.1 only, with the
 * users compose's RabbitMQ has: the operator's (RABBITMQ_USERNAME/RABBITMQ_PASSWORD, guest/guest unless set)
 * and, as ./suite up hands them over with this run's random passwords, one per purpose: customer-service's
 * events login, catalogs' and the bus's (RABBITMQ_CUSTOMER_*, RABBITMQ_CATALOGS_*, RABBITMQ_BUS_*, USERNAME
 * and PASSWORD each). Like RabbitMQ it checks a message's user_id against the publishing login
 * (qpid.broker_msg_auth), so catalogs' check of customer-service's user holds here too; unlike compose's
 * RabbitMQ it gives every login every permission (no access control rules: a developer's own machine).
 * Durable queues and persistent messages stay in Derby under BROKER_WORK_DIR, so they survive a restart.
 * Never a deployment's broker: the images and Kubernetes use RabbitMQ.
 *
 * <p>Settings (environment): RABBITMQ_PORT (5672), the logins above, BROKER_WORK_DIR (var/embedded-broker).
 * SIGTERM stops it cleanly.
 */
public final class EmbeddedBrokerApplication {

    static final String INITIAL_CONFIGURATION = "embedded-broker.json";
    static final String SYSTEM_PROPERTIES = "embedded-broker-system.properties";

    private final SystemLauncher launcher = new SystemLauncher();
    private final Settings settings;
    private final Map<String, String> contextPasswords = new HashMap<>();

    EmbeddedBrokerApplication(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        EmbeddedBrokerApplication broker = new EmbeddedBrokerApplication(Settings.fromEnvironment());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.stop();
            stopped.countDown();
        }, "embedded-broker-stop"));
        broker.start();
        stopped.await();
    }

    /** Starts the broker; returns once its AMQP port accepts connections. */
    void start() throws Exception {
        Files.createDirectories(settings.workDir);
        // Derby writes its own log to the working directory (the checkout) unless told otherwise.
        System.setProperty("derby.stream.error.file", settings.workDir.resolve("derby.log").toString());
        Map<String, String> context = contextPasswords;
        context.put("qpid.work_dir", settings.workDir.toString());
        context.put("broker.port", Integer.toString(settings.port));
        Map<String, Object> attributes = new HashMap<>();
        // The broker's own configuration comes from the resource at every start (port and users from the
        // environment); the virtual host keeps its queues, exchanges and messages on disk.
        attributes.put("type", "Memory");
        attributes.put("initialConfigurationLocation", withUsers(settings).toUri().toString());
        attributes.put("initialSystemPropertiesLocation", resource(SYSTEM_PROPERTIES));
        // Its operational log (qpid.message.*) goes to stdout through slf4j-simple already: no second copy.
        attributes.put("startupLoggedToSystemOut", false);
        attributes.put("context", context);
        launcher.startup(attributes);
        // SystemLauncher logs a failed start (a port in use, a damaged store) and returns: check the port.
        if (!accepts(settings.port)) {
            launcher.shutdown();
            throw new IllegalStateException("the broker did not open 127.0.0.1:" + settings.port + "; see the lines above");
        }
        System.out.printf("embedded-broker: AMQP 0-9-1 on 127.0.0.1:%d (users %s), data in %s%n", settings.port,
                String.join(", ", settings.users.keySet()), settings.workDir);
    }

    /**
     * The resource with the users of these settings, written to the work directory for Qpid to read: a list
     * of users of any length is no value Qpid's ${...} variables can fill in. The passwords go into Qpid's
     * context, not into the file, which holds their names only.
     */
    private Path withUsers(Settings settings) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode configuration;
        try (InputStream in = EmbeddedBrokerApplication.class.getClassLoader().getResourceAsStream(INITIAL_CONFIGURATION)) {
            configuration = (ObjectNode) json.readTree(Objects.requireNonNull(in, INITIAL_CONFIGURATION));
        }
        ArrayNode users = ((ObjectNode) configuration.get("authenticationproviders").get(0)).putArray("users");
        int index = 0;
        for (Map.Entry<String, String> user : settings.users.entrySet()) {
            String variable = "broker.password." + index++;
            users.addObject().put("name", user.getKey()).put("password", "${" + variable + "}").put("type", "managed");
            contextPasswords.put(variable, user.getValue());
        }
        Path file = settings.workDir.resolve(INITIAL_CONFIGURATION);
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), configuration);
        return file;
    }

    /** A resource of this jar as a URL Qpid can open (file: or jar:, never Qpid's own classpath: scheme). */
    private static String resource(String name) {
        return Objects.requireNonNull(EmbeddedBrokerApplication.class.getClassLoader().getResource(name), name).toExternalForm();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    void stop() {
        launcher.shutdown();
        System.out.println("embedded-broker: stopped");
    }

    /** Where the broker listens, and its users (name to password, the operator's first). */
    static final class Settings {
        /** The logins of one purpose each, as ./suite up hands them over: RABBITMQ_<PURPOSE>_USERNAME/_PASSWORD. */
        static final String[] PURPOSES = {"CUSTOMER", "CATALOGS", "BUS"};
        final int port;
        final Map<String, String> users;
        final Path workDir;

        Settings(int port, Map<String, String> users, Path workDir) {
            this.port = port;
            this.users = new LinkedHashMap<>(users);
            this.workDir = workDir.toAbsolutePath().normalize();
        }

        Settings(int port, String username, String password, Path workDir) {
            this(port, Map.of(username, password), workDir);
        }

        static Settings fromEnvironment() {
            Map<String, String> users = new LinkedHashMap<>();
            users.put(env("RABBITMQ_USERNAME", "guest"), env("RABBITMQ_PASSWORD", "guest"));
            for (String purpose : PURPOSES) {
                String name = System.getenv("RABBITMQ_" + purpose + "_USERNAME");
                String password = System.getenv("RABBITMQ_" + purpose + "_PASSWORD");
                if (name != null && !name.isBlank() && password != null && !password.isBlank()) {
                    users.put(name, password);
                }
            }
            return new Settings(Integer.parseInt(env("RABBITMQ_PORT", "5672")), users,
                    Path.of(env("BROKER_WORK_DIR", "var/embedded-broker")));
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }
}
