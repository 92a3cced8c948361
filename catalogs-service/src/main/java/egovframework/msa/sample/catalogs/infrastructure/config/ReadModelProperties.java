package egovframework.msa.sample.catalogs.infrastructure.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConstructorBinding;

import java.time.Duration;
import java.util.Objects;

/**
 * catalogs' read model of customers: the queue that feeds it, whose events it applies, how long its
 * dead-letter queue keeps what it rejects, how long event ids are remembered, and how the initial fill reads
 * customer-service's list. Set in config-repo/catalogs.yml.
 */
@ConstructorBinding
@ConfigurationProperties("read-model")
public class ReadModelProperties {

    private final String queue;
    private final String publisherUser;
    private final Duration deadLetterTtl;
    private final int deadLetterMaxLength;
    private final Duration processedEventRetention;
    private final int fillPageSize;
    private final Duration fillRetryMaxInterval;

    public ReadModelProperties(String queue, String publisherUser, Duration deadLetterTtl, int deadLetterMaxLength,
                               Duration processedEventRetention, int fillPageSize, Duration fillRetryMaxInterval) {
        this.queue = Objects.requireNonNull(queue, "read-model.queue");
        this.publisherUser = Objects.requireNonNull(publisherUser, "read-model.publisher-user");
        this.deadLetterTtl = Objects.requireNonNull(deadLetterTtl, "read-model.dead-letter-ttl");
        if (publisherUser.isBlank() || deadLetterTtl.isNegative() || deadLetterTtl.isZero()
                || deadLetterTtl.toMillis() > Integer.MAX_VALUE || deadLetterMaxLength < 1) {
            // RabbitMQ takes x-message-ttl as a 32-bit number of milliseconds (at most about 24 days).
            throw new IllegalArgumentException("read-model.publisher-user must be set, read-model.dead-letter-ttl"
                    + " between 1 ms and 24 days, read-model.dead-letter-max-length at least 1");
        }
        this.deadLetterMaxLength = deadLetterMaxLength;
        this.processedEventRetention = Objects.requireNonNull(processedEventRetention,
                "read-model.processed-event-retention");
        if (queue.isBlank() || fillPageSize < 1) {
            throw new IllegalArgumentException("read-model.queue must be set, read-model.fill-page-size at least 1");
        }
        this.fillPageSize = fillPageSize;
        this.fillRetryMaxInterval = Objects.requireNonNull(fillRetryMaxInterval, "read-model.fill-retry-max-interval");
    }

    /** The durable queue catalogs consumes customer events from; its dead-letter queue is this name + ".dlq". */
    public String getQueue() {
        return queue;
    }

    public String getDeadLetterQueue() {
        return queue + ".dlq";
    }

    /**
     * customer-service's broker user: catalogs applies an event only when the broker-set AMQP user_id is this
     * (RabbitMQ refuses a user_id that is not the publishing connection's login).
     */
    public String getPublisherUser() {
        return publisherUser;
    }

    /** How long a rejected message stays in the dead-letter queue (its x-message-ttl). */
    public Duration getDeadLetterTtl() {
        return deadLetterTtl;
    }

    /** How many rejected messages the dead-letter queue keeps; beyond that the oldest go (its x-max-length). */
    public int getDeadLetterMaxLength() {
        return deadLetterMaxLength;
    }

    /** How long a processed event id is remembered; an older redelivery is still ignored by its sequence. */
    public Duration getProcessedEventRetention() {
        return processedEventRetention;
    }

    /** Customers per page of GET /customers in the initial fill (customer-service allows at most 50). */
    public int getFillPageSize() {
        return fillPageSize;
    }

    /** The longest wait between attempts of the initial fill while customer-service is not up. */
    public Duration getFillRetryMaxInterval() {
        return fillRetryMaxInterval;
    }
}
