package egovframework.msa.sample.catalogs.infrastructure.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import egovframework.msa.sample.catalogs.infrastructure.config.ReadModelProperties;
import egovframework.msa.sample.catalogs.infrastructure.readmodel.JdbcCustomerSnapshots;
import egovframework.msa.sample.support.resilience.FallbackLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Duration;

/**
 * Feeds the read model from customer-service's events, and from nobody else: a message is applied only when
 * its AMQP user_id is customer-service's broker user (read-model.publisher-user). RabbitMQ sets nothing by
 * itself but refuses a user_id that is not the publishing connection's login, and customer-service's relay
 * sets its own; so a message of any other login (or without user_id) is not customer-service's, and is
 * rejected to the dead-letter queue like an invalid one. Every rejection is counted
 * ({@value #REJECTED}, tag reason: publisher, invalid, unstorable) and logged in one WARN line.
 *
 * <p>Each message is acknowledged only after the read
 * model's transaction has committed (manual acknowledgement), so a crash in between redelivers it, and the
 * event id and sequence make that redelivery harmless. A message that is not a valid event is rejected
 * without requeue, which sends it to the dead-letter queue with one log line, and consuming goes on. Any
 * other failure (the database) puts the message back after a pause, so an outage neither loses events nor
 * spins the CPU.
 */
@Component
class CustomerEventListener {

    /** How long a consumer waits before handing back a message it could not store. */
    static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);
    /** Messages sent to the dead-letter queue, by reason. */
    static final String REJECTED = "customer.events.rejected";
    private static final Logger log = LoggerFactory.getLogger(CustomerEventListener.class);

    private final JdbcCustomerSnapshots snapshots;
    private final ObjectMapper json;
    private final String publisherUser;
    private final MeterRegistry meters;
    private final FallbackLog failures = new FallbackLog(log, "Customer events put back after a failure to store them");

    CustomerEventListener(JdbcCustomerSnapshots snapshots, ObjectMapper json, ReadModelProperties properties,
                          MeterRegistry meters) {
        this.snapshots = snapshots;
        this.json = json;
        this.publisherUser = properties.getPublisherUser();
        this.meters = meters;
    }

    @RabbitListener(id = "customerEvents", queues = "${read-model.queue}", ackMode = "MANUAL")
    void onEvent(Message message, Channel channel) throws IOException {
        long tag = message.getMessageProperties().getDeliveryTag();
        // user_id as received (Spring AMQP keeps it apart from the user id a message is sent with).
        String publisher = message.getMessageProperties().getReceivedUserId();
        if (!publisherUser.equals(publisher)) {
            reject(message, channel, tag, "publisher", publisher == null ? "no user_id, so not published by "
                    + publisherUser : "published by broker user " + publisher + ", not " + publisherUser);
            return;
        }
        CustomerEvent event;
        try {
            event = CustomerEvent.parse(message.getBody(), json);
        } catch (InvalidCustomerEventException e) {
            reject(message, channel, tag, "invalid", e.getMessage());
            return;
        }
        try {
            JdbcCustomerSnapshots.Outcome outcome = snapshots.apply(event.eventId(), event.customerId(), event.sequence(),
                    event.customer(), event.occurredAt(), event.type() == CustomerEvent.Type.REGISTERED);
            log.info("{}: {}", event, outcome);
        } catch (DuplicateKeyException raced) {
            // Another instance stored the same event or customer at this moment: the next delivery sees it.
            requeue(channel, tag, raced);
            return;
        } catch (DataIntegrityViolationException e) {
            reject(message, channel, tag, "unstorable",
                    "values the read model cannot store (" + e.getMostSpecificCause().getMessage() + ")");
            return;
        } catch (RuntimeException e) {
            requeue(channel, tag, e);
            return;
        }
        channel.basicAck(tag, false);
    }

    private void reject(Message message, Channel channel, long tag, String reason, String why) throws IOException {
        Counter.builder(REJECTED).description("Customer event messages sent to the dead-letter queue")
                .tag("reason", reason).register(meters).increment();
        log.warn("Customer event message {} sent to the dead-letter queue: {}",
                message.getMessageProperties().getMessageId(), why);
        channel.basicReject(tag, false);
    }

    private void requeue(Channel channel, long tag, RuntimeException cause) throws IOException {
        failures.record(FallbackLog.describe(cause));
        try {
            Thread.sleep(PAUSE_AFTER_FAILURE.toMillis());
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
        channel.basicNack(tag, false, true);
    }
}
