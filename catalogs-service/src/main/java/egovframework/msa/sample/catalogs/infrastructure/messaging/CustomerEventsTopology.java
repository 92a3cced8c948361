package egovframework.msa.sample.catalogs.infrastructure.messaging;

import egovframework.msa.sample.catalogs.infrastructure.config.ReadModelProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.amqp.rabbit.core.DeclarationExceptionEvent;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/**
 * What catalogs declares on the broker (Spring AMQP's RabbitAdmin does it on every connection, so a broker
 * that starts later or lost its state gets it too): customer-service's exchange as the contract defines it,
 * catalogs' durable queue bound to every customer event, and the dead-letter queue its rejected messages go
 * to (through the default exchange, so no second exchange is needed).
 *
 * <p>The dead-letter queue is named twice, once for each broker the suite runs on: RabbitMQ reads
 * x-dead-letter-exchange and x-dead-letter-routing-key; the embedded broker of a local run without RabbitMQ
 * (Apache Qpid Broker-J, module embedded-broker) reads {@code alternateBinding}, its own queue attribute, and
 * ignores the x-dead-letter arguments (it is configured to log them instead of refusing the queue). RabbitMQ
 * ignores an argument it does not know and leaves it out of its check that a queue is declared again with
 * the same arguments, so the extra one changes nothing for a queue that already exists there.
 *
 * <p>The dead-letter queue has a time to live and a maximum length (read-model.dead-letter-*), as queue
 * arguments: they travel with catalogs' configuration, and need no operator's policy on every broker.
 * RabbitMQ refuses (PRECONDITION_FAILED) to declare an existing queue with other arguments, and a
 * dead-letter queue made by an older catalogs has none. So the dead-letter queue is declared on its own
 * channel, before the rest (Qpid wants an alternate binding's queue to exist), and a refusal is one WARN
 * line, not a catalogs that cannot consume: the old queue works on without limits until an operator deletes
 * it once (README: upgrading; the next connection declares it with them). A new queue name would not help:
 * the events queue names its dead-letter queue in an argument, which cannot change either.
 */
@Configuration(proxyBeanMethods = false)
class CustomerEventsTopology {

    /** The event contract: customer-service publishes here with routing keys customer.registered|changed|deleted. */
    static final String EXCHANGE = "customer.events";
    static final String EVERY_CUSTOMER_EVENT = "customer.#";
    /** Qpid Broker-J's dead-lettering: where a message rejected without requeue goes (queue argument). */
    static final String QPID_ALTERNATE_BINDING = "alternateBinding";
    private static final Logger log = LoggerFactory.getLogger(CustomerEventsTopology.class);

    @Bean
    Declarables customerEventsDeclarables(ReadModelProperties properties) {
        TopicExchange exchange = ExchangeBuilder.topicExchange(EXCHANGE).durable(true).build();
        Queue events = QueueBuilder.durable(properties.getQueue())
                .deadLetterExchange("")
                .deadLetterRoutingKey(properties.getDeadLetterQueue())
                .withArgument(QPID_ALTERNATE_BINDING, Map.of("destination", properties.getDeadLetterQueue()))
                .build();
        Binding binding = BindingBuilder.bind(events).to(exchange).with(EVERY_CUSTOMER_EVENT);
        return new Declarables(exchange, events, binding);
    }

    /** The dead-letter queue as catalogs declares it: durable, with its time to live and maximum length. */
    static Queue deadLetterQueue(ReadModelProperties properties) {
        return QueueBuilder.durable(properties.getDeadLetterQueue())
                .ttl((int) properties.getDeadLetterTtl().toMillis())
                .maxLength(properties.getDeadLetterMaxLength())
                .build();
    }

    @Bean
    DeadLetterQueueDeclaration deadLetterQueueDeclaration(ConnectionFactory connections, ReadModelProperties properties) {
        return new DeadLetterQueueDeclaration(connections, deadLetterQueue(properties));
    }

    /**
     * Spring Boot's RabbitAdmin, made here only so that it comes after the dead-letter queue's declaration:
     * both declare when a connection opens, in the order they registered.
     */
    @Bean
    RabbitAdmin amqpAdmin(ConnectionFactory connections, DeadLetterQueueDeclaration deadLetterQueueFirst) {
        return new RabbitAdmin(connections);
    }

    /** Declares the dead-letter queue whenever a connection opens; a refusal is logged, not thrown. */
    static final class DeadLetterQueueDeclaration implements ConnectionListener {

        private final RabbitAdmin admin;
        private final Queue queue;

        DeadLetterQueueDeclaration(ConnectionFactory connections, Queue queue) {
            this.queue = queue;
            // A RabbitAdmin of its own (not a bean: Boot's stays the one that declares the rest).
            admin = new RabbitAdmin(connections);
            admin.setIgnoreDeclarationExceptions(true);
            admin.setApplicationEventPublisher(event -> {
                if (event instanceof DeclarationExceptionEvent) {
                    Throwable cause = ((DeclarationExceptionEvent) event).getThrowable();
                    while (cause.getCause() != null) {
                        cause = cause.getCause();
                    }
                    log.warn("Dead-letter queue {} kept as it is, without x-message-ttl {} and x-max-length {}: {}"
                                    + " (one made by an older version; delete it once, after reading it, and it is"
                                    + " declared with them; README: upgrading)", queue.getName(),
                            queue.getArguments().get("x-message-ttl"), queue.getArguments().get("x-max-length"), cause.getMessage());
                }
            });
            connections.addConnectionListener(this);
        }

        @Override
        public void onCreate(Connection connection) {
            admin.declareQueue(queue);
        }
    }
}
