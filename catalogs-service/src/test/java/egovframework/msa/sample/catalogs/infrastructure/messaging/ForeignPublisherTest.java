package egovframework.msa.sample.catalogs.infrastructure.messaging;

import egovframework.msa.sample.catalogs.domain.CustomerId;
import egovframework.msa.sample.catalogs.infrastructure.config.ReadModelProperties;
import egovframework.msa.sample.catalogs.infrastructure.readmodel.JdbcCustomerSnapshots;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event from a login other than customer-service's is not applied. catalogs is configured as in compose
 * (customer-service's broker user: customer-events) and the test publishes with the login it has, guest,
 * which stands for catalogs' own or any other: a valid contract event, user_id as RabbitMQ allows it (the
 * login's own), goes to the dead-letter queue, counted, and the read model does not show it.
 *
 * <p>The dead-letter queue here is one an older catalogs made, without a time to live or maximum length
 * (declared before the context starts): catalogs starts, consumes and dead-letters all the same (the
 * upgrade path of {@link CustomerEventsTopology}).
 */
@SpringBootTest(classes = CustomerEventListenerTest.Wiring.class, properties = {
        "spring.config.name=application,catalogs", "spring.config.additional-location=file:../config-repo/",
        "read-model.publisher-user=customer-events"})
@DirtiesContext
class ForeignPublisherTest {

    private static final String QUEUE = "catalogs.customer-events.test-" + UUID.randomUUID();
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    JdbcCustomerSnapshots readModel;
    @Autowired
    ReadModelProperties properties;
    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void brokerWithTheDeadLetterQueueOfAnOlderVersion() {
        CustomerEventListenerTest.brokerMustAnswer();
        CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", 5672);
        connections.setUsername("guest");
        connections.setPassword("guest");
        try {
            new RabbitAdmin(connections).declareQueue(QueueBuilder.durable(QUEUE + ".dlq").build());
        } finally {
            connections.destroy();
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
    void aValidEventPublishedWithAnotherLoginIsNotApplied() {
        long id = CustomerEventListenerTest.newCustomerId();
        UUID eventId = UUID.randomUUID();
        // Sequence 2^63-1 would pin the forged state: every genuine later event would be stale.
        Message event = CustomerEventListenerTest.message(eventId.toString(), CustomerEventListenerTest.body("registered",
                id, Long.MAX_VALUE, Instant.now(), CustomerEventListenerTest.customer(id, "위조"), eventId), id, Long.MAX_VALUE);
        assertThat(event.getMessageProperties().getUserId()).isEqualTo("guest");
        rabbit.send("customer.events", "customer.registered", event);

        Message deadLetter = null;
        Instant deadline = Instant.now().plus(PATIENCE);
        while (deadLetter == null && Instant.now().isBefore(deadline)) {
            Message message = rabbit.receive(properties.getDeadLetterQueue(), 500);
            if (message != null && eventId.toString().equals(message.getMessageProperties().getMessageId())) {
                deadLetter = message;
            }
        }
        assertThat(deadLetter).as("the foreign event in the dead-letter queue").isNotNull();
        assertThat(readModel.find(CustomerId.parse(Long.toString(id)))).isEmpty();
        Counter rejected = meters.find(CustomerEventListener.REJECTED).tag("reason", "publisher").counter();
        assertThat(rejected).isNotNull();
        assertThat(rejected.count()).isEqualTo(1);
    }
}
