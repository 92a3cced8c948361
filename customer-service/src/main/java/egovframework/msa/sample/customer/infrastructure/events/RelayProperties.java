package egovframework.msa.sample.customer.infrastructure.events;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the outbox relay polls and publishes. The suite's values and the reasoning behind them are in
 * config-repo/customer.yml (suite.events.relay); these defaults apply only without a config server.
 * Read once when the relay starts: changing them takes a restart.
 */
@ConfigurationProperties("suite.events.relay")
@ConstructorBinding
public class RelayProperties {

    private final boolean enabled;
    private final Duration fixedDelay;
    private final int batchSize;
    private final Duration confirmTimeout;
    private final Duration retention;
    private final Duration cleanupInterval;

    public RelayProperties(@DefaultValue("true") boolean enabled, @DefaultValue("200ms") Duration fixedDelay,
                           @DefaultValue("100") int batchSize, @DefaultValue("5s") Duration confirmTimeout,
                           @DefaultValue("24h") Duration retention, @DefaultValue("1m") Duration cleanupInterval) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("suite.events.relay.batch-size must be at least 1");
        }
        this.enabled = enabled;
        this.fixedDelay = fixedDelay;
        this.batchSize = batchSize;
        this.confirmTimeout = confirmTimeout;
        this.retention = retention;
        this.cleanupInterval = cleanupInterval;
    }

    /** Off: events still go to the outbox, nothing publishes them (another instance's relay may). */
    public boolean isEnabled() {
        return enabled;
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
