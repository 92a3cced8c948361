package egovframework.msa.sample.customer.infrastructure.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Customer events leave the service through RabbitMQ: the topic exchange of the contract
 * (docs/customer-events.md), the relay that publishes the outbox to it, and what operations see of the
 * backlog (gauge customer.outbox.pending, health component "outbox", which never reports DOWN: a broker
 * outage delays events, it does not stop this service from working).
 */
@Configuration(proxyBeanMethods = false)
class CustomerEventsConfiguration {

    /** Fixed by the contract with the consumers. */
    static final String EXCHANGE = "customer.events";

    /** Declared by Spring AMQP's RabbitAdmin whenever a connection to the broker opens. */
    @Bean
    Declarables customerEventsExchange() {
        return new Declarables(new TopicExchange(EXCHANGE, true, false));
    }

    @Bean
    // false: events still go to the outbox, nothing publishes them (another instance's relay may).
    @ConditionalOnProperty(prefix = "suite.events.relay", name = "enabled", havingValue = "true")
    OutboxRelay outboxRelay(OutboxStore outbox, RabbitTemplate rabbit, RelayProperties properties, Clock clock) {
        // Without confirms the relay would wait for answers that never come: refuse to start instead.
        if (!rabbit.getConnectionFactory().isPublisherConfirms()) {
            throw new IllegalStateException("The outbox relay needs spring.rabbitmq.publisher-confirm-type: correlated");
        }
        return new OutboxRelay(outbox, rabbit, properties, clock);
    }

    @Bean
    MeterBinder outboxPendingGauge(OutboxStore outbox) {
        return registry -> Gauge.builder("customer.outbox.pending", outbox, OutboxStore::pending)
                .description("Customer events written but not yet confirmed by RabbitMQ")
                .register(registry);
    }

    @Bean
    HealthIndicator outboxHealthIndicator(OutboxStore outbox, ObjectProvider<OutboxRelay> relay) {
        return () -> {
            OutboxRelay running = relay.getIfAvailable();
            String broker = running == null ? "relay disabled" : running.brokerDown() ? "unreachable" : "reachable";
            try {
                return Health.up().withDetail("pending", outbox.pending()).withDetail("broker", broker).build();
            } catch (RuntimeException e) {
                return Health.up().withDetail("pending", "unknown").withDetail("broker", broker).build();
            }
        };
    }
}
