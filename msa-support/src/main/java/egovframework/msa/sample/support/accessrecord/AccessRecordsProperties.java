package egovframework.msa.sample.support.accessrecord;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConstructorBinding;

import java.time.Duration;
import java.util.Objects;

/**
 * How a service keeps its access records: the values and the reasoning that ties them together are in
 * config-repo/application.yml (suite.access-records), the one place for them. Read once at start.
 */
@ConfigurationProperties("suite.access-records")
@ConstructorBinding
public class AccessRecordsProperties {

    private final boolean enabled;
    private final int queueCapacity;
    private final int batchSize;
    private final Duration retryInterval;
    private final Duration stopTimeout;

    /** @param enabled null (unset) is on: records are never off by omission */
    public AccessRecordsProperties(Boolean enabled, Integer queueCapacity, Integer batchSize, Duration retryInterval,
                                   Duration stopTimeout) {
        this.enabled = enabled == null || enabled;
        this.queueCapacity = Objects.requireNonNull(queueCapacity, "suite.access-records.queue-capacity");
        this.batchSize = Objects.requireNonNull(batchSize, "suite.access-records.batch-size");
        this.retryInterval = Objects.requireNonNull(retryInterval, "suite.access-records.retry-interval");
        this.stopTimeout = Objects.requireNonNull(stopTimeout, "suite.access-records.stop-timeout");
    }

    public boolean isEnabled() {
        return enabled;
    }

    public int getQueueCapacity() {
        return queueCapacity;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public Duration getRetryInterval() {
        return retryInterval;
    }

    public Duration getStopTimeout() {
        return stopTimeout;
    }
}
