package egovframework.msa.sample.customer.infrastructure.events;

import brave.Tracing;
import brave.propagation.TraceContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import egovframework.msa.sample.customer.domain.CustomerEvent;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

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
    private final ObjectProvider<Tracing> tracing;

    OutboxWriter(OutboxStore outbox, ObjectMapper json, Clock clock, ObjectProvider<Tracing> tracing) {
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.tracing = tracing;
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
                toJson(message), clock.instant(), traceParent());
    }

    /**
     * The trace of the request that made the change, as a W3C traceparent, or null outside one. The relay
     * publishes later on its own thread; this is how the message still joins the request's trace.
     */
    private String traceParent() {
        Tracing current = tracing.getIfAvailable();
        TraceContext context = current == null ? null : current.currentTraceContext().get();
        if (context == null) {
            return null;
        }
        Map<String, String> headers = new HashMap<>();
        current.propagation().<Map<String, String>>injector(Map::put).inject(context, headers);
        return headers.get("traceparent");
    }

    private String toJson(CustomerEventMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + message.getEventId() + " as JSON", e);
        }
    }
}
