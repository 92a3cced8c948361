package egovframework.msa.sample.catalogs.infrastructure.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import egovframework.msa.sample.catalogs.infrastructure.readmodel.JdbcCustomerSnapshots;
import egovframework.msa.sample.support.resilience.FallbackLog;
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
 * Feeds the read model from customer-service's events. Each message is acknowledged only after the read
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
    private static final Logger log = LoggerFactory.getLogger(CustomerEventListener.class);

    private final JdbcCustomerSnapshots snapshots;
    private final ObjectMapper json;
    private final FallbackLog failures = new FallbackLog(log, "Customer events put back after a failure to store them");

    CustomerEventListener(JdbcCustomerSnapshots snapshots, ObjectMapper json) {
        this.snapshots = snapshots;
        this.json = json;
    }

    @RabbitListener(id = "customerEvents", queues = "${read-model.queue}", ackMode = "MANUAL")
    void onEvent(Message message, Channel channel) throws IOException {
        long tag = message.getMessageProperties().getDeliveryTag();
        CustomerEvent event;
        try {
            event = CustomerEvent.parse(message.getBody(), json);
        } catch (InvalidCustomerEventException e) {
            reject(message, channel, tag, e.getMessage());
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
            reject(message, channel, tag, "values the read model cannot store (" + e.getMostSpecificCause().getMessage() + ")");
            return;
        } catch (RuntimeException e) {
            requeue(channel, tag, e);
            return;
        }
        channel.basicAck(tag, false);
    }

    private static void reject(Message message, Channel channel, long tag, String why) throws IOException {
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
