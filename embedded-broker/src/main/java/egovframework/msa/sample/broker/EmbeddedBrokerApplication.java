package egovframework.msa.sample.broker;

import org.apache.qpid.server.SystemLauncher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * An AMQP 0-9-1 broker (Apache Qpid Broker-J) for a developer's machine without RabbitMQ: {@code ./suite up}
 * starts it when nothing answers on RABBITMQ_HOST:RABBITMQ_PORT. It listens on 127.0.0.1 only, with one
 * user (the suite's development credentials unless RABBITMQ_USERNAME/RABBITMQ_PASSWORD are set), and keeps
 * durable queues and persistent messages in Derby under BROKER_WORK_DIR, so they survive a restart. Never a
 * deployment's broker: the images and Kubernetes use RabbitMQ.
 *
 * <p>Settings (environment): RABBITMQ_PORT (5672), RABBITMQ_USERNAME and RABBITMQ_PASSWORD (guest/guest),
 * BROKER_WORK_DIR (var/embedded-broker). SIGTERM stops it cleanly.
 */
public final class EmbeddedBrokerApplication {

    static final String INITIAL_CONFIGURATION = "embedded-broker.json";
    static final String SYSTEM_PROPERTIES = "embedded-broker-system.properties";

    private final SystemLauncher launcher = new SystemLauncher();
    private final Settings settings;

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
        Map<String, String> context = new HashMap<>();
        context.put("qpid.work_dir", settings.workDir.toString());
        context.put("broker.port", Integer.toString(settings.port));
        context.put("broker.username", settings.username);
        context.put("broker.password", settings.password);
        Map<String, Object> attributes = new HashMap<>();
        // The broker's own configuration comes from the resource at every start (port and users from the
        // environment); the virtual host keeps its queues, exchanges and messages on disk.
        attributes.put("type", "Memory");
        attributes.put("initialConfigurationLocation", resource(INITIAL_CONFIGURATION));
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
        System.out.printf("embedded-broker: AMQP 0-9-1 on 127.0.0.1:%d (user %s), data in %s%n", settings.port,
                settings.username, settings.workDir);
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

    /** Where and as whom the broker listens. */
    static final class Settings {
        final int port;
        final String username;
        final String password;
        final Path workDir;

        Settings(int port, String username, String password, Path workDir) {
            this.port = port;
            this.username = username;
            this.password = password;
            this.workDir = workDir.toAbsolutePath().normalize();
        }

        static Settings fromEnvironment() {
            return new Settings(Integer.parseInt(env("RABBITMQ_PORT", "5672")), env("RABBITMQ_USERNAME", "guest"),
                    env("RABBITMQ_PASSWORD", "guest"), Path.of(env("BROKER_WORK_DIR", "var/embedded-broker")));
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }
}
