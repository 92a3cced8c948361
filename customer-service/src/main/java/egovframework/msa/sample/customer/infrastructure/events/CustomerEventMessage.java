package egovframework.msa.sample.customer.infrastructure.events;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import egovframework.msa.sample.customer.api.CustomerResponse;
import egovframework.msa.sample.customer.domain.CustomerEvent;

import java.util.Locale;
import java.util.UUID;

/**
 * The JSON body of a message on the {@code customer.events} exchange, exactly as docs/customer-events.md
 * describes it. {@code customer} uses the field names of the REST API's customer (CustomerResponse), so a
 * consumer can read both with one mapping. Immutable; Jackson writes it through the getters.
 */
@JsonPropertyOrder({"eventId", "type", "customerId", "sequence", "occurredAt", "customer"})
final class CustomerEventMessage {

    private final String eventId;
    private final String type;
    private final long customerId;
    private final long sequence;
    private final String occurredAt;
    /** The customer after the change in the REST API's own shape, so the two cannot drift apart. */
    private final CustomerResponse customer;

    private CustomerEventMessage(String eventId, CustomerEvent event) {
        this.eventId = eventId;
        this.type = typeOf(event);
        this.customerId = event.customerId().value();
        this.sequence = event.sequence();
        this.occurredAt = event.occurredAt().toString();
        this.customer = event.details().map(details -> CustomerResponse.of(customerId, details)).orElse(null);
    }

    /** A message with a fresh event id: a redelivery of it keeps this id, a new event never has it. */
    static CustomerEventMessage of(CustomerEvent event) {
        return new CustomerEventMessage(UUID.randomUUID().toString(), event);
    }

    /** registered, changed or deleted: the last part of the routing key. */
    static String typeOf(CustomerEvent event) {
        return event.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    static String routingKey(String type) {
        return "customer." + type;
    }

    public String getEventId() {
        return eventId;
    }

    public String getType() {
        return type;
    }

    public long getCustomerId() {
        return customerId;
    }

    public long getSequence() {
        return sequence;
    }

    public String getOccurredAt() {
        return occurredAt;
    }

    public CustomerResponse getCustomer() {
        return customer;
    }
}
