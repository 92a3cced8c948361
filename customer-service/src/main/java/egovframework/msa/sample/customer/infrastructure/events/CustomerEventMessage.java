package egovframework.msa.sample.customer.infrastructure.events;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import egovframework.msa.sample.customer.domain.CustomerDetails;
import egovframework.msa.sample.customer.domain.CustomerEvent;

import java.util.Locale;
import java.util.Map;
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
    private final CustomerState customer;

    private CustomerEventMessage(String eventId, CustomerEvent event) {
        this.eventId = eventId;
        this.type = typeOf(event);
        this.customerId = event.customerId().value();
        this.sequence = event.sequence();
        this.occurredAt = event.occurredAt().toString();
        this.customer = event.details().map(details -> new CustomerState(customerId, details)).orElse(null);
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

    public CustomerState getCustomer() {
        return customer;
    }

    /** The customer after the change, with the REST API's field names. */
    @JsonPropertyOrder({"id", "name", "email", "phone", "address"})
    static final class CustomerState {

        private final long id;
        private final String name;
        private final String email;
        private final String phone;
        private final Map<String, String> address;

        CustomerState(long id, CustomerDetails details) {
            this.id = id;
            this.name = details.name().value();
            this.email = details.email().value();
            this.phone = details.phone().value();
            this.address = Map.of("zipCode", details.address().zipCode(), "street", details.address().street());
        }

        public long getId() {
            return id;
        }

        public String getName() {
            return name;
        }

        public String getEmail() {
            return email;
        }

        public String getPhone() {
            return phone;
        }

        public Map<String, String> getAddress() {
            return address;
        }
    }
}
