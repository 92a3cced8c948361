package egovframework.msa.sample.catalogs.infrastructure.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import egovframework.msa.sample.catalogs.domain.CustomerId;
import egovframework.msa.sample.catalogs.domain.CustomerInfo;
import egovframework.msa.sample.catalogs.domain.InvalidCustomerIdException;
import egovframework.msa.sample.catalogs.infrastructure.client.CustomerJson;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

/**
 * One customer event as the contract defines its JSON body:
 * {@code {"eventId":"<uuid>","type":"registered|changed|deleted","customerId":1234,"sequence":7,
 * "occurredAt":"<ISO-8601 instant>","customer":{...full state after the change, null for deleted...}}}.
 * The customer object is customer-service's REST customer, read by the same mapping as its REST answers.
 * Built only from a valid body: anything else is an {@link InvalidCustomerEventException}. Fields the
 * contract does not name are ignored, so the publisher may add some.
 */
final class CustomerEvent {

    /** As wide as the read model's columns (db/migration): a longer value could never be stored. */
    private static final int MAX_NAME = 200;
    private static final int MAX_EMAIL = 320;
    private static final int MAX_PHONE = 40;

    enum Type { REGISTERED, CHANGED, DELETED }

    private final String eventId;
    private final Type type;
    private final long customerId;
    private final long sequence;
    private final Instant occurredAt;
    private final CustomerInfo customer;

    private CustomerEvent(String eventId, Type type, long customerId, long sequence, Instant occurredAt,
                          CustomerInfo customer) {
        this.eventId = eventId;
        this.type = type;
        this.customerId = customerId;
        this.sequence = sequence;
        this.occurredAt = occurredAt;
        this.customer = customer;
    }

    /**
     * Read as a tree, not bound to a DTO: Jackson 2.12's binding coerces 12 to "12" and "12" or 1.5 to a long
     * and stops at the first bad field, and making it strict for this reader alone took more code (two
     * deserializers and a problem handler, tried) than the checks below.
     */
    static CustomerEvent parse(byte[] body, ObjectMapper json) {
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (IOException e) {
            throw new InvalidCustomerEventException("not JSON");
        }
        if (event == null || !event.isObject()) {
            throw new InvalidCustomerEventException("not a JSON object");
        }
        String eventId = eventId(event.get("eventId"));
        Type type = type(event.get("type"));
        long customerId = customerId(event.get("customerId"));
        long sequence = wholeNumber(event.get("sequence"), "sequence");
        if (sequence < 0) {
            throw new InvalidCustomerEventException("sequence must not be negative");
        }
        Instant occurredAt = instant(event.get("occurredAt"));
        CustomerInfo customer = type == Type.DELETED ? null : customer(event.get("customer"), customerId);
        return new CustomerEvent(eventId, type, customerId, sequence, occurredAt, customer);
    }

    private static String eventId(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw new InvalidCustomerEventException("eventId missing");
        }
        try {
            UUID uuid = UUID.fromString(node.asText());
            if (uuid.toString().equalsIgnoreCase(node.asText())) {
                return uuid.toString();
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidCustomerEventException("eventId is not a UUID");
    }

    private static Type type(JsonNode node) {
        if (node != null && node.isTextual()) {
            for (Type type : Type.values()) {
                if (type.name().toLowerCase(Locale.ROOT).equals(node.asText())) {
                    return type;
                }
            }
        }
        throw new InvalidCustomerEventException("type must be registered, changed or deleted");
    }

    private static long customerId(JsonNode node) {
        long id = wholeNumber(node, "customerId");
        try {
            CustomerId.parse(Long.toString(id));
        } catch (InvalidCustomerIdException e) {
            throw new InvalidCustomerEventException("customerId " + e.getMessage());
        }
        return id;
    }

    private static long wholeNumber(JsonNode node, String field) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new InvalidCustomerEventException(field + " must be a whole number");
        }
        return node.asLong();
    }

    private static Instant instant(JsonNode node) {
        if (node != null && node.isTextual()) {
            try {
                return Instant.parse(node.asText());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw new InvalidCustomerEventException("occurredAt must be an ISO-8601 instant");
    }

    private static CustomerInfo customer(JsonNode node, long customerId) {
        if (node == null || !node.isObject() || !node.hasNonNull("name") || node.get("name").asText().isBlank()) {
            throw new InvalidCustomerEventException("customer with a name required for registered and changed");
        }
        if (node.hasNonNull("id") && node.get("id").asLong() != customerId) {
            throw new InvalidCustomerEventException("customer.id differs from customerId");
        }
        CustomerInfo customer = CustomerJson.read(node);
        if (longer(customer.name(), MAX_NAME) || longer(customer.email(), MAX_EMAIL) || longer(customer.phone(), MAX_PHONE)) {
            throw new InvalidCustomerEventException("customer field longer than the read model stores");
        }
        return customer;
    }

    private static boolean longer(String text, int max) {
        return text != null && text.length() > max;
    }

    String eventId() {
        return eventId;
    }

    Type type() {
        return type;
    }

    long customerId() {
        return customerId;
    }

    long sequence() {
        return sequence;
    }

    Instant occurredAt() {
        return occurredAt;
    }

    /** The customer's state after the event; {@code null} for a deletion. */
    CustomerInfo customer() {
        return customer;
    }

    @Override
    public String toString() {
        return type.name().toLowerCase(Locale.ROOT) + " customer " + customerId + " #" + sequence + " (" + eventId + ")";
    }
}
