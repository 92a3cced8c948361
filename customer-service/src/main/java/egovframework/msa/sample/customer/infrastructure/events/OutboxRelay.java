package egovframework.msa.sample.customer.infrastructure.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageBuilderSupport;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes the outbox to RabbitMQ, oldest row first, on its own thread and outside any write transaction.
 *
 * <p>Each poll reads up to a batch of unsent rows in id order, publishes them on one channel (so the
 * broker receives them in that order) and waits for the broker's publisher confirms. Rows are marked sent
 * in order up to the first one that was not confirmed; that one and everything after it are published
 * again by the next poll. So every event reaches the broker at least once, and one customer's events
 * in the order they happened. A row published but not marked (the broker confirmed, then the process or
 * the database failed) goes out again with the same event id and sequence, which consumers ignore.
 *
 * <p>A broker outage is logged once when it starts and once when it ends; meanwhile writes carry on and
 * the outbox grows. Several instances may relay at once: that only adds duplicates.
 */
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxStore outbox;
    private final RabbitTemplate rabbit;
    private final RelayProperties properties;
    private final Clock clock;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    private volatile boolean running;
    private volatile boolean brokerDown;
    private ScheduledFuture<?> polling;
    private boolean failing;
    private Instant nextCleanup = Instant.MIN;

    OutboxRelay(OutboxStore outbox, RabbitTemplate rabbit, RelayProperties properties, Clock clock) {
        this.outbox = outbox;
        this.rabbit = rabbit;
        this.properties = properties;
        this.clock = clock;
        scheduler.setThreadNamePrefix("outbox-relay-");
        // Stopping waits for a poll in progress: at most a connection timeout plus a confirm timeout.
        scheduler.setWaitForTasksToCompleteOnShutdown(true);
        scheduler.setAwaitTerminationSeconds(15);
    }

    @Override
    public void start() {
        scheduler.initialize();
        running = true;
        polling = scheduler.scheduleWithFixedDelay(this::poll, properties.getFixedDelay());
    }

    @Override
    public void stop() {
        running = false;
        if (polling != null) {
            polling.cancel(false);
        }
        scheduler.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether the last attempt to publish failed (for the health details). */
    boolean brokerDown() {
        return brokerDown;
    }

    /** One poll: publish until the outbox is empty or a batch is not wholly confirmed, then clean up. */
    void poll() {
        try {
            boolean more = true;
            while (more && running) {
                List<OutboxEntry> batch = outbox.oldestUnsent(properties.getBatchSize());
                more = !batch.isEmpty() && relay(batch) == properties.getBatchSize();
            }
            cleanUp();
            if (failing) {
                failing = false;
                log.info("Outbox relay working again");
            }
        } catch (RuntimeException e) {
            // Mostly the database (also: marking failed after the broker confirmed; those rows go out again,
            // as duplicates). Caught here so the scheduler does not log a stack trace on every poll.
            if (!failing) {
                failing = true;
                log.warn("Outbox relay failed: {} (retrying every {}; logged again when it works)", e,
                        properties.getFixedDelay());
            }
        }
    }

    /** Publishes the batch and marks the confirmed prefix sent; returns how many were marked. */
    private int relay(List<OutboxEntry> batch) {
        Outcome outcome = publish(batch);
        if (outcome.confirmed > 0) {
            outbox.markSent(batch.subList(0, outcome.confirmed), clock.instant());
        }
        if (outcome.problem == null) {
            if (brokerDown) {
                brokerDown = false;
                log.info("RabbitMQ reachable again: relaying the customer events that waited in the outbox");
            }
        } else if (!brokerDown) {
            brokerDown = true;
            log.warn("Customer events wait in the outbox: RabbitMQ at {}:{}: {} (retrying every {}; logged again when"
                    + " it works)", rabbit.getConnectionFactory().getHost(), rabbit.getConnectionFactory().getPort(),
                    outcome.problem, properties.getFixedDelay());
        }
        return outcome.confirmed;
    }

    private Outcome publish(List<OutboxEntry> batch) {
        try {
            // invoke: one channel for the whole batch, which keeps the batch in order at the broker.
            return rabbit.invoke(operations -> {
                List<CorrelationData> confirms = new ArrayList<>(batch.size());
                String problem = null;
                String login = rabbit.getConnectionFactory().getUsername();
                for (OutboxEntry entry : batch) {
                    CorrelationData confirm = new CorrelationData(entry.eventId());
                    try {
                        operations.send(CustomerEventsConfiguration.EXCHANGE,
                                CustomerEventMessage.routingKey(entry.type()), message(entry, login), confirm);
                    } catch (AmqpException e) {
                        problem = describe(e);
                        break;
                    }
                    confirms.add(confirm);
                }
                Outcome confirmed = awaitConfirms(confirms);
                return problem == null ? confirmed : new Outcome(confirmed.confirmed, problem);
            });
        } catch (AmqpException e) {
            return new Outcome(0, describe(e));
        }
    }

    /** Counts the confirms in publishing order, up to the first nack or the confirm timeout. */
    private Outcome awaitConfirms(List<CorrelationData> confirms) {
        long deadline = System.nanoTime() + properties.getConfirmTimeout().toNanos();
        int confirmed = 0;
        for (CorrelationData confirm : confirms) {
            try {
                CorrelationData.Confirm answer = confirm.getFuture().get(
                        Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (!answer.isAck()) {
                    return new Outcome(confirmed, "RabbitMQ refused event " + confirm.getId() + ": " + answer.getReason());
                }
                confirmed++;
            } catch (TimeoutException e) {
                return new Outcome(confirmed, "no confirm from RabbitMQ within " + properties.getConfirmTimeout());
            } catch (ExecutionException e) {
                return new Outcome(confirmed, describe(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(confirmed, "interrupted while waiting for confirms");
            }
        }
        return new Outcome(confirmed, null);
    }

    /**
     * The message of one event. user_id is this connection's login: RabbitMQ checks it against the login and
     * refuses a mismatch, so consumers (catalogs) know the event comes from this service's broker user.
     */
    private static Message message(OutboxEntry entry, String login) {
        MessageBuilderSupport<Message> message = MessageBuilder.withBody(entry.payload().getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setUserId(login)
                .setMessageId(entry.eventId())
                .setHeader("customer-id", entry.customerId())
                .setHeader("sequence", entry.sequence());
        if (entry.traceParent() != null) {
            // Sleuth's RabbitTemplate instrumentation continues this trace (the relay thread has none) and
            // writes it back as traceparent and B3 headers for the consumers.
            message.setHeader("traceparent", entry.traceParent());
        }
        return message.build();
    }

    private void cleanUp() {
        Instant now = clock.instant();
        if (now.isBefore(nextCleanup)) {
            return;
        }
        int deleted = outbox.deleteSentBefore(now.minus(properties.getRetention()));
        nextCleanup = now.plus(properties.getCleanupInterval());
        if (deleted > 0) {
            log.debug("Deleted {} outbox rows sent more than {} ago", deleted, properties.getRetention());
        }
    }

    /** One line, no stack trace: an outage is expected and logged once. The root cause says most. */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }

    private static final class Outcome {
        private final int confirmed;
        private final String problem;

        Outcome(int confirmed, String problem) {
            this.confirmed = confirmed;
            this.problem = problem;
        }
    }
}
