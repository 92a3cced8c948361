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

/**
 * What catalogs declares on the broker (Spring AMQP's RabbitAdmin does it on every connection, so a broker
 * that starts later or lost its state gets it too): customer-service's exchange as the contract defines it,
 * catalogs' durable queue bound to every customer event, and the dead-letter queue its rejected messages go
 * to (through the default exchange, so no second exchange is needed).
 */
@Configuration(proxyBeanMethods = false)
class CustomerEventsTopology {

    /** The event contract: customer-service publishes here with routing keys customer.registered|changed|deleted. */
    static final String EXCHANGE = "customer.events";
    static final String EVERY_CUSTOMER_EVENT = "customer.#";

    @Bean
    Declarables customerEventsDeclarables(ReadModelProperties properties) {
        TopicExchange exchange = ExchangeBuilder.topicExchange(EXCHANGE).durable(true).build();
        Queue deadLetters = QueueBuilder.durable(properties.getDeadLetterQueue()).build();
        Queue events = QueueBuilder.durable(properties.getQueue())
                .deadLetterExchange("")
                .deadLetterRoutingKey(deadLetters.getName())
                .build();
        Binding binding = BindingBuilder.bind(events).to(exchange).with(EVERY_CUSTOMER_EVENT);
        return new Declarables(exchange, deadLetters, events, binding);
    }
}
