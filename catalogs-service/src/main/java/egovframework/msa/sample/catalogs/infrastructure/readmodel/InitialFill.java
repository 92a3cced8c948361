package egovframework.msa.sample.catalogs.infrastructure.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import egovframework.msa.sample.catalogs.infrastructure.client.CustomerJson;
import egovframework.msa.sample.catalogs.infrastructure.config.CustomerClientProperties;
import egovframework.msa.sample.catalogs.infrastructure.config.ReadModelProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.retry.backoff.BackOffInterruptedException;
import org.springframework.retry.backoff.ExponentialBackOffPolicy;
import org.springframework.retry.policy.AlwaysRetryPolicy;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestTemplate;

import javax.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;

/**
 * Fills an empty read model from customer-service's list (GET /customers?page=&size=, with catalogs' own
 * read token) once, so that customers who have not changed since catalogs' database was created are known
 * too; events are the feed after that. It runs in the background after start-up, so catalogs answers at
 * once, and tries again with growing pauses while customer-service is not up yet.
 * <p>
 * customer-service's API shows no version, so a filled row carries sequence -1 and any event, even one
 * that arrives meanwhile, wins over it; a row an event already wrote is never overwritten by the fill.
 */
@Component
class InitialFill {

    private static final Logger log = LoggerFactory.getLogger(InitialFill.class);

    private final JdbcCustomerSnapshots snapshots;
    private final RestTemplate restTemplate;
    private final String baseUrl;
    private final ReadModelProperties properties;
    private final Clock clock;
    private volatile Thread worker;

    InitialFill(JdbcCustomerSnapshots snapshots, RestTemplate customerRestTemplate, CustomerClientProperties client,
                ReadModelProperties properties, Clock clock) {
        this.snapshots = snapshots;
        this.restTemplate = customerRestTemplate;
        this.baseUrl = client.getBaseUrl();
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (snapshots.initialFillCompleted()) {
            return;
        }
        Thread thread = new Thread(this::fillUntilDone, "read-model-fill");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @PreDestroy
    void stop() {
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void fillUntilDone() {
        ExponentialBackOffPolicy backOff = new ExponentialBackOffPolicy();
        backOff.setInitialInterval(2_000);
        backOff.setMultiplier(2);
        backOff.setMaxInterval(properties.getFillRetryMaxInterval().toMillis());
        RetryTemplate retry = new RetryTemplate();
        retry.setRetryPolicy(new AlwaysRetryPolicy());
        retry.setBackOffPolicy(backOff);
        try {
            int added = retry.execute(attempt -> {
                if (attempt.getRetryCount() > 0) {
                    log.info("Read model fill: attempt {} (last: {})", attempt.getRetryCount() + 1,
                            attempt.getLastThrowable().toString());
                }
                return fill();
            });
            snapshots.initialFillCompleted(clock.instant());
            log.info("Read model filled from customer-service: {} customers added", added);
        } catch (BackOffInterruptedException stopping) {
            log.info("Read model fill stopped before it completed; it runs again at the next start");
        }
    }

    /** One pass over every page; a customer already in the read model is left as it is. */
    int fill() {
        int added = 0;
        for (int page = 0; ; page++) {
            CustomerListPage body = restTemplate.getForObject(baseUrl + "/customers?page={page}&size={size}",
                    CustomerListPage.class, page, properties.getFillPageSize());
            if (body == null || body.content() == null) {
                throw new IllegalStateException("customer-service answered the list without content");
            }
            Instant readAt = clock.instant();
            for (JsonNode customer : body.content()) {
                long id = customer.path("id").asLong();
                if (id <= 0 || !customer.hasNonNull("name")) {
                    // One odd row must not stop the fill (nor be retried for ever); events will bring it.
                    log.warn("Read model fill: skipped a customer without id or name on page {}", page);
                } else if (snapshots.fillIfAbsent(id, CustomerJson.read(customer), readAt)) {
                    added++;
                }
            }
            if (body.last(page)) {
                return added;
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new BackOffInterruptedException("stopping", new InterruptedException());
            }
        }
    }
}
