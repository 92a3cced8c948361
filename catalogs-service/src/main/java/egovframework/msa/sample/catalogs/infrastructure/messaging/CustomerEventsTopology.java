package egovframework.msa.sample.catalogs.infrastructure.messaging;

import egovframework.msa.sample.catalogs.infrastructure.config.ReadModelProperties;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
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
 */
@Configuration(proxyBeanMethods = false)
class CustomerEventsTopology {

    /** The event contract: customer-service publishes here with routing keys customer.registered|changed|deleted. */
    static final String EXCHANGE = "customer.events";
    static final String EVERY_CUSTOMER_EVENT = "customer.#";
    /** Qpid Broker-J's dead-lettering: where a message rejected without requeue goes (queue argument). */
    static final String QPID_ALTERNATE_BINDING = "alternateBinding";

    @Bean
    Declarables customerEventsDeclarables(ReadModelProperties properties) {
        TopicExchange exchange = ExchangeBuilder.topicExchange(EXCHANGE).durable(true).build();
        Queue deadLetters = QueueBuilder.durable(properties.getDeadLetterQueue()).build();
        Queue events = QueueBuilder.durable(properties.getQueue())
                .deadLetterExchange("")
                .deadLetterRoutingKey(deadLetters.getName())
                .withArgument(QPID_ALTERNATE_BINDING, Map.of("destination", deadLetters.getName()))
                .build();
        Binding binding = BindingBuilder.bind(events).to(exchange).with(EVERY_CUSTOMER_EVENT);
        return new Declarables(exchange, deadLetters, events, binding);
    }
}
