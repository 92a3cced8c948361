package egovframework.msa.sample.customer.infrastructure.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import egovframework.msa.sample.customer.domain.CustomerEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/**
 * Writes each customer event to the outbox while the change that raised it is still uncommitted: the
 * application service publishes events synchronously inside its transaction, so the event row and the
 * customer row commit or roll back together. Never lost, never sent for a change that did not happen.
 */
@Component
class OutboxWriter {

    private final OutboxStore outbox;
    private final ObjectMapper json;
    private final Clock clock;

    OutboxWriter(OutboxStore outbox, ObjectMapper json, Clock clock) {
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    /**
     * MANDATORY: an event published outside a transaction is a programming error, refused loudly rather
     * than written on its own. (Public because Spring applies @Transactional to public methods only.)
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(CustomerEvent event) {
        CustomerEventMessage message = CustomerEventMessage.of(event);
        outbox.append(message.getEventId(), message.getCustomerId(), message.getType(), message.getSequence(),
                toJson(message), clock.instant());
    }

    private String toJson(CustomerEventMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + message.getEventId() + " as JSON", e);
        }
    }
}
