package egovframework.msa.sample.broker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded broker with the services' own client, Spring AMQP, used as customer-service and catalogs use
 * it: publisher confirms, the topic exchange customer.events, catalogs' queue with its dead-letter queue
 * declared exactly as catalogs declares them (RabbitMQ's x-dead-letter arguments, which Qpid logs and ignores,
 * and Qpid's alternateBinding), RabbitMQ's reject and requeue semantics, and a persistent message that
 * outlives a restart.
 */
class EmbeddedBrokerApplicationTest {

    private static final String USER = "guest";
    private static final String PASSWORD = "guest";

    @TempDir
    Path workDir;

    private EmbeddedBrokerApplication broker;
    private CachingConnectionFactory connections;

    @AfterEach
    void stop() {
        if (connections != null) {
            connections.destroy();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void confirmedPublishThroughTheTopicExchangeReachesCatalogsQueueAndRejectsGoToTheDeadLetterQueue() throws Exception {
        int port = freePort();
        start(port);
        RabbitAdmin admin = declareAsCatalogsDoes();
        RabbitTemplate template = template();

        Message event = event("customer.changed");
        CorrelationData confirm = new CorrelationData(event.getMessageProperties().getMessageId());
        template.send("customer.events", "customer.changed", event, confirm);
        assertThat(confirm.getFuture().get(10, TimeUnit.SECONDS).isAck()).as("publisher confirm").isTrue();

        Message received = template.receive("catalogs.customer-events", 5_000);
        assertThat(received).isNotNull();
        assertThat(received.getMessageProperties().getMessageId()).isEqualTo(event.getMessageProperties().getMessageId());
        assertThat(received.getMessageProperties().getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(new String(received.getBody(), StandardCharsets.UTF_8)).contains("\"type\":\"changed\"");

        // Not a customer event: catalogs' listener rejects it without requeue (CustomerEventListener).
        Message poison = event("customer.registered");
        CorrelationData poisonConfirm = new CorrelationData(poison.getMessageProperties().getMessageId());
        template.send("customer.events", "customer.registered", poison, poisonConfirm);
        assertThat(poisonConfirm.getFuture().get(10, TimeUnit.SECONDS).isAck()).isTrue();
        try (Connection connection = connections.createConnection(); Channel channel = connection.createChannel(false)) {
            GetResponse delivered = null;
            for (int i = 0; i < 50 && delivered == null; i++) {
                delivered = channel.basicGet("catalogs.customer-events", false);
                if (delivered == null) {
                    Thread.sleep(100);
                }
            }
            assertThat(delivered).isNotNull();
            // Put back (catalogs does so when its database fails): delivered again, not dead-lettered, however often.
            for (int attempt = 0; attempt < 3; attempt++) {
                channel.basicNack(delivered.getEnvelope().getDeliveryTag(), false, true);
                delivered = channel.basicGet("catalogs.customer-events", false);
                assertThat(delivered).as("redelivered after requeue " + attempt).isNotNull();
                assertThat(delivered.getEnvelope().isRedeliver()).isTrue();
            }
            channel.basicReject(delivered.getEnvelope().getDeliveryTag(), false);
        }
        Message deadLetter = template.receive("catalogs.customer-events.dlq", 5_000);
        assertThat(deadLetter).as("rejected message in the dead-letter queue").isNotNull();
        assertThat(deadLetter.getMessageProperties().getMessageId()).isEqualTo(poison.getMessageProperties().getMessageId());
        assertThat(template.receive("catalogs.customer-events", 500)).isNull();

        // Declaring again (every reconnect does) is accepted: the arguments are the same.
        admin.initialize();
    }

    @Test
    void aPersistentMessageOutlivesARestart() throws Exception {
        int port = freePort();
        start(port);
        declareAsCatalogsDoes();
        Message event = event("customer.deleted");
        CorrelationData confirm = new CorrelationData(event.getMessageProperties().getMessageId());
        template().send("customer.events", "customer.deleted", event, confirm);
        assertThat(confirm.getFuture().get(10, TimeUnit.SECONDS).isAck()).isTrue();

        connections.destroy();
        broker.stop();
        start(port);

        Message received = template().receive("catalogs.customer-events", 5_000);
        assertThat(received).as("the persistent message after the restart").isNotNull();
        assertThat(received.getMessageProperties().getMessageId()).isEqualTo(event.getMessageProperties().getMessageId());
    }

    /**
     * The users of a local run, one per purpose, and RabbitMQ's check of user_id: a message claiming another
     * login's user_id never reaches a queue, one with its own arrives with it (catalogs applies customer events
     * by it, CustomerEventListener).
     */
    @Test
    void everyPurposeHasItsLoginAndAUserIdMustBeThePublishersOwn() throws Exception {
        int port = freePort();
        broker = new EmbeddedBrokerApplication(new EmbeddedBrokerApplication.Settings(port, java.util.Map.of(USER, PASSWORD,
                "customer-events", "run-customer", "catalogs-events", "run-catalogs", "suite-bus", "run-bus"), workDir));
        broker.start();
        connections = login(port, USER, PASSWORD);
        declareAsCatalogsDoes();
        CachingConnectionFactory customer = login(port, "customer-events", "run-customer");
        CachingConnectionFactory catalogs = login(port, "catalogs-events", "run-catalogs");
        try {
            login(port, "suite-bus", "run-bus").createConnection().close();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> login(port, "suite-bus", "run-customer").createConnection().close())
                    .hasMessageContaining("authentication failure");

            Message genuine = event("customer.changed");
            genuine.getMessageProperties().setUserId("customer-events");
            CorrelationData confirm = new CorrelationData(genuine.getMessageProperties().getMessageId());
            new RabbitTemplate(customer).send("customer.events", "customer.changed", genuine, confirm);
            assertThat(confirm.getFuture().get(10, TimeUnit.SECONDS).isAck()).isTrue();
            Message received = template().receive("catalogs.customer-events", 5_000);
            assertThat(received).isNotNull();
            assertThat(received.getMessageProperties().getReceivedUserId()).isEqualTo("customer-events");

            Message forged = event("customer.changed");
            forged.getMessageProperties().setUserId("customer-events");
            CorrelationData forgedConfirm = new CorrelationData(forged.getMessageProperties().getMessageId());
            new RabbitTemplate(catalogs).send("customer.events", "customer.changed", forged, forgedConfirm);
            CorrelationData.Confirm answer = null;
            try {
                answer = forgedConfirm.getFuture().get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException refused) {
                // the channel closed instead of confirming: refused all the same
            }
            assertThat(answer == null || !answer.isAck()).as("the broker does not accept a user_id of another login").isTrue();
            assertThat(template().receive("catalogs.customer-events", 1_000)).as("nothing routed").isNull();
        } finally {
            customer.destroy();
            catalogs.destroy();
        }
    }

    private static CachingConnectionFactory login(int port, String user, String password) {
        CachingConnectionFactory factory = new CachingConnectionFactory("127.0.0.1", port);
        factory.setUsername(user);
        factory.setPassword(password);
        factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        return factory;
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        start(freePort());
        connections.setPassword("not-the-password");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> connections.createConnection().close())
                .hasMessageContaining("authentication failure");
    }

    private void start(int port) throws Exception {
        broker = new EmbeddedBrokerApplication(new EmbeddedBrokerApplication.Settings(port, USER, PASSWORD, workDir));
        broker.start();
        connections = new CachingConnectionFactory("127.0.0.1", port);
        connections.setUsername(USER);
        connections.setPassword(PASSWORD);
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
    }

    private RabbitTemplate template() {
        return new RabbitTemplate(connections);
    }

    /** catalogs-service's CustomerEventsTopology, as it is (a copy: that module is a Boot jar, not a library). */
    private RabbitAdmin declareAsCatalogsDoes() {
        TopicExchange exchange = ExchangeBuilder.topicExchange("customer.events").durable(true).build();
        Queue deadLetters = QueueBuilder.durable("catalogs.customer-events.dlq").build();
        Queue events = QueueBuilder.durable("catalogs.customer-events")
                .deadLetterExchange("")
                .deadLetterRoutingKey(deadLetters.getName())
                .withArgument("alternateBinding", java.util.Map.of("destination", deadLetters.getName()))
                .build();
        Binding binding = BindingBuilder.bind(events).to(exchange).with("customer.#");
        RabbitAdmin admin = new RabbitAdmin(connections);
        admin.setIgnoreDeclarationExceptions(false);
        org.springframework.context.support.GenericApplicationContext context = new org.springframework.context.support.GenericApplicationContext();
        context.registerBean(Declarables.class, () -> new Declarables(exchange, deadLetters, events, binding));
        context.refresh();
        admin.setApplicationContext(context);
        admin.afterPropertiesSet();
        admin.initialize();
        return admin;
    }

    private static Message event(String routingKey) {
        String id = UUID.randomUUID().toString();
        return MessageBuilder.withBody(("{\"eventId\":\"" + id + "\",\"type\":\"" + routingKey.substring("customer.".length())
                        + "\",\"customerId\":1234,\"sequence\":1}").getBytes(StandardCharsets.UTF_8))
                .setContentType("application/json").setMessageId(id)
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
