package egovframework.msa.sample.catalogs.infrastructure.readmodel;

import egovframework.msa.sample.catalogs.infrastructure.config.ReadModelProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;

/**
 * Keeps the table of processed event ids from growing without end. A redelivery older than the retention
 * is still ignored: its sequence is not higher than the one the customer's row carries.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ProcessedEventPruning {

    private static final Logger log = LoggerFactory.getLogger(ProcessedEventPruning.class);

    private final JdbcCustomerSnapshots snapshots;
    private final ReadModelProperties properties;
    private final Clock clock;

    ProcessedEventPruning(JdbcCustomerSnapshots snapshots, ReadModelProperties properties, Clock clock) {
        this.snapshots = snapshots;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1H", fixedDelayString = "PT1H")
    void prune() {
        int forgotten = snapshots.forgetEventsProcessedBefore(clock.instant().minus(properties.getProcessedEventRetention()));
        if (forgotten > 0) {
            log.info("Forgot {} processed customer event ids older than {}", forgotten,
                    properties.getProcessedEventRetention());
        }
    }
}
