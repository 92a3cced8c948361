package egovframework.msa.sample.deployment;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * compose's RabbitMQ with its users script (docker/rabbitmq/suite-users.sh), the image compose runs, and each
 * login doing over AMQP what its service does (the declarations, publishing and consuming of
 * CustomerEventsTopology, OutboxRelay, Spring Cloud Stream's bus binder) and what it must not: publish to
 * another's exchange, read another's queue, bind a tap queue, claim another login's user_id. A former shared
 * login is gone. Runs where a container engine answers, like ComposeSuiteIT.
 */
class BrokerUsersIT {

    private static final String NAME = "egov-msa-broker-users-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Map<String, String> PASSWORDS = Map.of("admin", "-admin-" + UUID.randomUUID(),
            "customer-events", "-customer-" + UUID.randomUUID(), "catalogs-events", "catalogs-" + UUID.randomUUID(),
            "suite-bus", "bus-" + UUID.randomUUID());
    private static ContainerEngine engine;
    private static int port;
    private static final List<String> outcomes = new ArrayList<>();

    @BeforeAll
    static void startTheBroker() throws Exception {
        Path work = ServiceConfig.root().resolve("deployment-tests/target/broker-users-it");
        Files.createDirectories(work);
        Optional<ContainerEngine> found = ContainerEngine.find(work.resolve("engine.log"));
        if (found.isEmpty()) {
            String why = "no container engine answers (deployment-tests/container-host.sh prepares a Debian machine)";
            if ("required".equals(System.getenv("SUITE_CONTAINER_TESTS"))) {
                fail(why);
            }
            Assumptions.assumeTrue(false, why);
        }
        engine = found.get();
        String script = ServiceConfig.root().resolve("docker/rabbitmq/suite-users.sh").toString();
        engine.engine(Duration.ofMinutes(2), "run", "-d", "--name", NAME, "--hostname", "rabbitmq", "--entrypoint", "bash",
                "-e", "RABBITMQ_DEFAULT_USER=admin", "-e", "RABBITMQ_DEFAULT_PASS=" + PASSWORDS.get("admin"),
                "-e", "RABBITMQ_CUSTOMER_USERNAME=customer-events", "-e", "RABBITMQ_CUSTOMER_PASSWORD=" + PASSWORDS.get("customer-events"),
                "-e", "RABBITMQ_CATALOGS_USERNAME=catalogs-events", "-e", "RABBITMQ_CATALOGS_PASSWORD=" + PASSWORDS.get("catalogs-events"),
                "-e", "RABBITMQ_BUS_USERNAME=suite-bus", "-e", "RABBITMQ_BUS_PASSWORD=" + PASSWORDS.get("suite-bus"),
                "-v", script + ":/opt/suite/suite-users.sh:ro", "-p", "127.0.0.1::5672",
                ComposeFileTest.STORE_IMAGES.get("rabbitmq"), "/opt/suite/suite-users.sh");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        boolean healthy = false;
        while (!healthy && Instant.now().isBefore(deadline)) {
            try {
                // compose's health check: the users made and the node answering
                engine.engine(Duration.ofSeconds(30), "exec", NAME, "bash", "/opt/suite/suite-users.sh", "healthy");
                healthy = true;
            } catch (AssertionError notYet) {
                Thread.sleep(2_000);
            }
        }
        assertThat(healthy).as("the broker became healthy with its users").isTrue();
        String published = engine.engine(Duration.ofSeconds(30), "port", NAME, "5672/tcp").trim().split("\n")[0];
        port = Integer.parseInt(published.substring(published.lastIndexOf(':') + 1).trim());
    }

    @AfterAll
    static void removeTheBroker() {
        if (engine != null) {
            try {
                engine.engine(Duration.ofMinutes(1), "rm", "-f", NAME);
            } catch (AssertionError ignored) {
                // gone already
            }
        }
        outcomes.forEach(System.out::println);
    }

    @Test
    void eachLoginMayDoWhatItsServiceDoesAndNothingElse() throws Exception {
        Map<String, Object> queue = new HashMap<>(Map.of("x-dead-letter-exchange", "",
                "x-dead-letter-routing-key", "catalogs.customer-events.dlq"));
        queue.put("alternateBinding", Map.of("destination", "catalogs.customer-events.dlq"));
        Map<String, Object> deadLetters = Map.of("x-message-ttl", 1_209_600_000, "x-max-length", 10_000);
        AMQP.BasicProperties asCustomer = new AMQP.BasicProperties.Builder().userId("customer-events").build();

        // What the services do.
        allowed("customer-events", "declares customer.events", c -> c.exchangeDeclare("customer.events", "topic", true));
        allowed("catalogs-events", "declares customer.events again", c -> c.exchangeDeclare("customer.events", "topic", true));
        allowed("catalogs-events", "declares its dead-letter queue", c -> c.queueDeclare("catalogs.customer-events.dlq", true, false, false, deadLetters));
        allowed("catalogs-events", "declares its queue", c -> c.queueDeclare("catalogs.customer-events", true, false, false, queue));
        allowed("catalogs-events", "binds its queue", c -> c.queueBind("catalogs.customer-events", "customer.events", "customer.#"));
        allowed("customer-events", "publishes an event with its user_id, confirmed", c -> publish(c, "customer.events", asCustomer));
        allowed("catalogs-events", "consumes it, user_id customer-events", c -> {
            GetResponse event = await(c, "catalogs.customer-events");
            assertThat(event.getProps().getUserId()).isEqualTo("customer-events");
            c.basicReject(event.getEnvelope().getDeliveryTag(), false);
        });
        String anonymous = "springCloudBus.anonymous." + UUID.randomUUID().toString().replace("-", "").substring(0, 22);
        allowed("suite-bus", "declares springCloudBus, an anonymous queue, binds, publishes, consumes", c -> {
            c.exchangeDeclare("springCloudBus", "topic", true);
            c.queueDeclare(anonymous, false, true, true, null);
            c.queueBind(anonymous, "springCloudBus", "#");
            publish(c, "springCloudBus", null);
            await(c, anonymous);
        });

        // What none of them may do.
        refused("catalogs-events", "publishes to customer.events", c -> publish(c, "customer.events", null));
        refused("catalogs-events", "publishes with customer-service's user_id", c -> publish(c, "customer.events", asCustomer));
        refused("catalogs-events", "reads the dead-letter queue", c -> c.basicGet("catalogs.customer-events.dlq", false));
        refused("catalogs-events", "declares a tap queue", c -> c.queueDeclare("tap-" + UUID.randomUUID(), false, true, true, null));
        refused("catalogs-events", "binds to springCloudBus", c -> c.queueBind("catalogs.customer-events", "springCloudBus", "#"));
        refused("customer-events", "declares a tap queue", c -> c.queueDeclare("tap-" + UUID.randomUUID(), false, true, true, null));
        refused("customer-events", "reads catalogs' queue", c -> c.basicGet("catalogs.customer-events", false));
        refused("customer-events", "publishes through the default exchange", c -> publish(c, "", null));
        refused("customer-events", "publishes to springCloudBus", c -> publish(c, "springCloudBus", null));
        refused("suite-bus", "binds an anonymous queue to customer.events", c -> {
            String tap = "springCloudBus.anonymous.tap" + UUID.randomUUID().toString().substring(0, 8);
            c.queueDeclare(tap, false, true, true, null);
            c.queueBind(tap, "customer.events", "#");
        });
        refused("suite-bus", "publishes to customer.events", c -> publish(c, "customer.events", null));
        refused("suite-bus", "reads catalogs' queue", c -> c.basicGet("catalogs.customer-events", false));
        assertThat(login("egov-msa", "anything")).as("no former shared login").isEmpty();
        assertThat(login("guest", "guest")).as("no guest").isEmpty();
    }

    private interface Operation {
        void run(Channel channel) throws Exception;
    }

    private static void allowed(String user, String what, Operation operation) throws Exception {
        assertThat(attempt(user, what, operation)).as(user + " " + what).isNull();
    }

    private static void refused(String user, String what, Operation operation) throws Exception {
        assertThat(attempt(user, what, operation)).as(user + " " + what).isNotNull().contains("ACCESS_REFUSED");
    }

    /** null if it worked, else the broker's answer. */
    private static String attempt(String user, String what, Operation operation) throws Exception {
        try (Connection connection = login(user, PASSWORDS.get(user)).orElseThrow(() -> new AssertionError(user + " cannot log in"))) {
            Channel channel = connection.createChannel();
            try {
                operation.run(channel);
                outcomes.add("[broker-users] " + user + " " + what + ": allowed");
                return null;
            } catch (IOException | com.rabbitmq.client.ShutdownSignalException | AssertionError e) {
                if (e instanceof AssertionError) {
                    throw (AssertionError) e;
                }
                String answer = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
                outcomes.add("[broker-users] " + user + " " + what + ": refused " + answer.replaceAll(".*reply-text=([^,]*).*", "$1"));
                return answer;
            }
        }
    }

    private static Optional<Connection> login(String user, String password) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(port);
        factory.setUsername(user);
        factory.setPassword(password);
        try {
            return Optional.of(factory.newConnection());
        } catch (com.rabbitmq.client.AuthenticationFailureException e) {
            return Optional.empty();
        }
    }

    private static void publish(Channel channel, String exchange, AMQP.BasicProperties properties) throws Exception {
        channel.confirmSelect();
        channel.basicPublish(exchange, "customer.registered", properties, "{}".getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirmsOrDie(5_000);
    }

    private static GetResponse await(Channel channel, String queue) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            GetResponse message = channel.basicGet(queue, false);
            if (message != null) {
                return message;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing in " + queue);
    }
}
