package egovframework.msa.sample.catalogs.infrastructure.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConstructorBinding;

import java.time.Duration;
import java.util.Objects;

/**
 * catalogs' read model of customers: the queue that feeds it, how long event ids are remembered, and how
 * the initial fill reads customer-service's list. Set in config-repo/catalogs.yml.
 */
@ConstructorBinding
@ConfigurationProperties("read-model")
public class ReadModelProperties {

    private final String queue;
    private final Duration processedEventRetention;
    private final int fillPageSize;
    private final Duration fillRetryMaxInterval;

    public ReadModelProperties(String queue, Duration processedEventRetention, int fillPageSize,
                               Duration fillRetryMaxInterval) {
        this.queue = Objects.requireNonNull(queue, "read-model.queue");
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
