package egovframework.msa.sample.customer.infrastructure.events;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConstructorBinding;

import java.time.Duration;
import java.util.Objects;

/**
 * How the outbox relay polls and publishes: the values and the reasoning behind them are in config-repo/customer.yml
 * (suite.events.relay), the one place for them; suite.events.relay.enabled is read by the relay's bean condition
 * (CustomerEventsConfiguration). Read once when the relay starts: changing them takes a restart.
 */
@ConfigurationProperties("suite.events.relay")
@ConstructorBinding
public class RelayProperties {

    private final Duration fixedDelay;
    private final int batchSize;
    private final Duration confirmTimeout;
    private final Duration retention;
    private final Duration cleanupInterval;

    public RelayProperties(Duration fixedDelay, int batchSize, Duration confirmTimeout, Duration retention,
                           Duration cleanupInterval) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("suite.events.relay.batch-size must be at least 1");
        }
        this.fixedDelay = Objects.requireNonNull(fixedDelay, "suite.events.relay.fixed-delay");
        this.batchSize = batchSize;
        this.confirmTimeout = Objects.requireNonNull(confirmTimeout, "suite.events.relay.confirm-timeout");
        this.retention = Objects.requireNonNull(retention, "suite.events.relay.retention");
        this.cleanupInterval = Objects.requireNonNull(cleanupInterval, "suite.events.relay.cleanup-interval");
    }

    /** Pause between the end of one poll and the start of the next. */
    public Duration getFixedDelay() {
        return fixedDelay;
    }

    /** Rows read, published and confirmed in one go. */
    public int getBatchSize() {
        return batchSize;
    }

    /** How long a batch waits for the broker's confirms before the unconfirmed rest is tried again. */
    public Duration getConfirmTimeout() {
        return confirmTimeout;
    }

    /** Sent rows older than this are deleted. */
    public Duration getRetention() {
        return retention;
    }

    /** How often the relay deletes old sent rows (one DELETE on the sent_at index). */
    public Duration getCleanupInterval() {
        return cleanupInterval;
    }
}
