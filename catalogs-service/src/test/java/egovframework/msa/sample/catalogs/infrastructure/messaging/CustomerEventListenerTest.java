package egovframework.msa.sample.catalogs.infrastructure.messaging;

import egovframework.msa.sample.catalogs.domain.CustomerId;
import egovframework.msa.sample.catalogs.domain.CustomerInfo;
import egovframework.msa.sample.catalogs.domain.CustomerLookup;
import egovframework.msa.sample.catalogs.infrastructure.config.ReadModelProperties;
import egovframework.msa.sample.catalogs.infrastructure.readmodel.JdbcCustomerSnapshots;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.amqp.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.annotation.PreDestroy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The listener against the real RabbitMQ on 127.0.0.1:5672 (guest/guest): contract messages published with
 * RabbitTemplate to the exchange customer.events reach the read model through catalogs' own declarations.
 * The broker is shared, so this run consumes from its own queue (catalogs.customer-events.test-...), bound
 * exactly like the real one and deleted afterwards, and uses customer ids of its own; each test waits at
 * most {@link #PATIENCE} for what it expects. customer-service's broker user is guest here, the login of a
 * local run on RabbitMQ (read-model.publisher-user from topology.properties): the contract messages carry
 * user_id guest, as the relay sets it. {@link ForeignPublisherTest} has another login publish.
 */
// The read model's settings and the listener's come from config-repo, as the config server serves them to catalogs.
@SpringBootTest(classes = CustomerEventListenerTest.Wiring.class, properties = {
        "spring.config.name=application,catalogs", "spring.config.additional-location=file:../config-repo/"})
@DirtiesContext
class CustomerEventListenerTest {

    private static final String QUEUE = "catalogs.customer-events.test-" + UUID.randomUUID();
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final String EXCHANGE = "customer.events";

    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    JdbcCustomerSnapshots readModel;
    @Autowired
    ReadModelProperties properties;
    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void brokerMustAnswer() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5672), 1_000);
        } catch (IOException e) {
            Assumptions.assumeTrue(false, "RabbitMQ does not answer on 127.0.0.1:5672 (" + e.getMessage()
                    + "): the listener tests need a real broker (guest/guest) and are skipped");
        }
    }

    @DynamicPropertySource
    static void isolatedQueueAndDatabase(DynamicPropertyRegistry registry) {
        registry.add("read-model.queue", () -> QUEUE);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
        registry.add("spring.rabbitmq.port", () -> "5672");
    }

    @Test
    void registeredThenChangedIsShownWithTheTimeOfTheChange() {
        long id = newCustomerId();
        Instant changedAt = Instant.now().minusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        publish("registered", id, 0, Instant.now().minusSeconds(60), customer(id, "홍길동"), UUID.randomUUID());
        publish("changed", id, 1, changedAt, customer(id, "홍길순"), UUID.randomUUID());

        CustomerLookup lookup = await(() -> find(id).filter(found -> name(found).equals("홍길순")));
        assertThat(lookup.asOf()).contains(changedAt);
        assertThat(lookup.customer().map(CustomerInfo::email)).contains("c" + id + "@example.go.kr");
    }

    @Test
    void aDuplicateEventIdAndAnOlderSequenceAreIgnored() {
        long id = newCustomerId();
        UUID eventId = UUID.randomUUID();
        publish("changed", id, 5, Instant.now(), customer(id, "첫째"), eventId);
        await(() -> find(id));

        publish("changed", id, 6, Instant.now(), customer(id, "중복"), eventId);
        publish("changed", id, 4, Instant.now(), customer(id, "예전"), UUID.randomUUID());
        publish("changed", id, 5, Instant.now(), customer(id, "같은번호"), UUID.randomUUID());
        processedEverythingBefore();

        assertThat(find(id).map(CustomerEventListenerTest::name)).contains("첫째");
    }

    @Test
    void aDeletedCustomerIsNotBroughtBackByAChangeThatArrivesLate() {
        long id = newCustomerId();
        publish("registered", id, 1, Instant.now(), customer(id, "홍길동"), UUID.randomUUID());
        await(() -> find(id));

        publish("deleted", id, 3, Instant.now(), null, UUID.randomUUID());
        publish("changed", id, 2, Instant.now(), customer(id, "유령"), UUID.randomUUID());
        processedEverythingBefore();

        assertThat(find(id)).isEmpty();
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterQueueAndConsumingGoesOn() {
        String poisonId = "poison-" + UUID.randomUUID();
        MessageProperties headers = new MessageProperties();
        headers.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        headers.setMessageId(poisonId);
        headers.setUserId("guest");
        rabbit.send(EXCHANGE, "customer.changed", new Message("{not json".getBytes(StandardCharsets.UTF_8), headers));
        String invalidId = UUID.randomUUID().toString();
        rabbit.send(EXCHANGE, "customer.changed", message(invalidId, "{\"eventId\":\"" + invalidId
                + "\",\"type\":\"exploded\",\"customerId\":1,\"sequence\":1,\"occurredAt\":\"2026-03-01T12:00:00Z\"}", 1, 1));

        long id = newCustomerId();
        publish("registered", id, 0, Instant.now(), customer(id, "다음"), UUID.randomUUID());
        assertThat(name(await(() -> find(id)))).isEqualTo("다음");

        assertThat(deadLetter(poisonId).getBody()).isEqualTo("{not json".getBytes(StandardCharsets.UTF_8));
        assertThat(deadLetter(invalidId)).isNotNull();
    }

    @Test
    void anEventWithoutUserIdIsNotAppliedButDeadLetteredAndCounted() {
        assertThat(properties.getPublisherUser()).isEqualTo("guest");
        double before = rejected("publisher");
        long id = newCustomerId();
        UUID eventId = UUID.randomUUID();
        Message unsigned = message(eventId.toString(), body("registered", id, 0, Instant.now(), customer(id, "위조"), eventId), id, 0);
        unsigned.getMessageProperties().setUserId(null);
        rabbit.send(EXCHANGE, "customer.registered", unsigned);
        processedEverythingBefore();

        assertThat(find(id)).isEmpty();
        assertThat(deadLetter(eventId.toString())).isNotNull();
        assertThat(rejected("publisher")).isEqualTo(before + 1);
    }

    @Test
    void theBrokerRefusesAUserIdThatIsNotThePublishersLogin() {
        // guest claims to be customer-service's compose user: RabbitMQ closes the channel, nothing is routed.
        long id = newCustomerId();
        UUID eventId = UUID.randomUUID();
        Message forged = message(eventId.toString(), body("registered", id, 0, Instant.now(), customer(id, "사칭"), eventId), id, 0);
        forged.getMessageProperties().setUserId("customer-events");
        rabbit.execute(channel -> {
            channel.basicPublish(EXCHANGE, "customer.registered", false, new DefaultMessagePropertiesConverter()
                    .fromMessageProperties(forged.getMessageProperties(), "UTF-8"), forged.getBody());
            // The broker's answer is channel.close (PRECONDITION_FAILED); later messages take a channel of their own.
            long until = System.nanoTime() + PATIENCE.toNanos();
            while (channel.isOpen() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(channel.isOpen()).as("channel closed by the broker").isFalse();
            return null;
        });
        processedEverythingBefore();

        assertThat(find(id)).isEmpty();
        assertThat(rabbit.receive(properties.getDeadLetterQueue(), 1_000)).isNull();
    }

    @Test
    void theDeadLetterQueueHasItsTimeToLiveAndMaximumLength() {
        // The values of config-repo/catalogs.yml, as catalogs declares them.
        Queue declared = CustomerEventsTopology.deadLetterQueue(properties);
        assertThat(declared.getArguments()).containsEntry("x-message-ttl", (int) Duration.ofDays(14).toMillis())
                .containsEntry("x-max-length", 10_000);
        // The broker took them: declaring the same name without them is refused as inequivalent.
        assertThatThrownBy(() -> admin.declareQueue(QueueBuilder.durable(properties.getDeadLetterQueue()).build()))
                .isInstanceOf(AmqpException.class);
    }

    private double rejected(String reason) {
        io.micrometer.core.instrument.Counter counter = meters.find(CustomerEventListener.REJECTED).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    /** A marker event on a customer of its own: once it shows, the single consumer has passed every earlier one. */
    private void processedEverythingBefore() {
        long marker = newCustomerId();
        publish("registered", marker, 0, Instant.now(), customer(marker, "표지"), UUID.randomUUID());
        await(() -> find(marker));
    }

    /** Dead letters in this run's DLQ until the one with this message id (others may be anyone's junk). */
    private Message deadLetter(String messageId) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            Message message = rabbit.receive(properties.getDeadLetterQueue(), 500);
            if (message != null && messageId.equals(message.getMessageProperties().getMessageId())) {
                return message;
            }
        }
        throw new AssertionError("no dead letter with message id " + messageId + " within " + PATIENCE);
    }

    private void publish(String type, long customerId, long sequence, Instant occurredAt, String customer, UUID eventId) {
        rabbit.send(EXCHANGE, "customer." + type, message(eventId.toString(), body(type, customerId, sequence, occurredAt,
                customer, eventId), customerId, sequence));
    }

    static String body(String type, long customerId, long sequence, Instant occurredAt, String customer, UUID eventId) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"" + type + "\",\"customerId\":" + customerId
                + ",\"sequence\":" + sequence + ",\"occurredAt\":\"" + occurredAt + "\",\"customer\":" + customer + "}";
    }

    /** AMQP properties as the contract and customer-service's relay set them (user_id: its login, guest here). */
    static Message message(String eventId, String body, long customerId, long sequence) {
        MessageProperties properties = new MessageProperties();
        properties.setUserId("guest");
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setMessageId(eventId);
        properties.setHeader("customer-id", customerId);
        properties.setHeader("sequence", sequence);
        return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
    }

    static String customer(long id, String name) {
        return name == null ? "null" : "{\"id\":" + id + ",\"name\":\"" + name + "\",\"email\":\"c" + id
                + "@example.go.kr\",\"phone\":\"010-1234-5678\",\"address\":{\"zipCode\":\"03154\",\"street\":\"세종대로 209\"}}";
    }

    private Optional<CustomerLookup> find(long id) {
        return readModel.find(CustomerId.parse(Long.toString(id)));
    }

    private static String name(CustomerLookup lookup) {
        return lookup.customer().map(CustomerInfo::name).orElse(null);
    }

    /** Customer ids far above customer-service's own, fresh for every test. */
    static long newCustomerId() {
        return ThreadLocalRandom.current().nextLong(900_000_000_000L, 999_999_999_999L);
    }

    static <T> T await(Supplier<Optional<T>> condition) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            Optional<T> value = condition.get();
            if (value.isPresent()) {
                return value.get();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("not seen in the read model within " + PATIENCE);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({JacksonAutoConfiguration.class, DataSourceAutoConfiguration.class,
            DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class, FlywayAutoConfiguration.class, RabbitAutoConfiguration.class})
    @EnableConfigurationProperties(ReadModelProperties.class)
    @Import({JdbcCustomerSnapshots.class, CustomerEventsTopology.class, CustomerEventListener.class})
    static class Wiring {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        /** Removes this run's queues when the context closes, after the listener has stopped. */
        @Bean
        QueueRemoval queueRemoval(AmqpAdmin admin, ReadModelProperties properties) {
            return new QueueRemoval(admin, properties);
        }
    }

    static class QueueRemoval {
        private final AmqpAdmin admin;
        private final ReadModelProperties properties;

        QueueRemoval(AmqpAdmin admin, ReadModelProperties properties) {
            this.admin = admin;
            this.properties = properties;
        }

        @PreDestroy
        void remove() {
            admin.deleteQueue(properties.getQueue());
            admin.deleteQueue(properties.getDeadLetterQueue());
        }
    }
}
