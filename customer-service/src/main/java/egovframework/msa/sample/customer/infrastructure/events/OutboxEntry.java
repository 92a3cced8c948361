package egovframework.msa.sample.customer.infrastructure.events;

/** One row of the outbox: an event waiting to be published (or published, once sent_at is set). */
final class OutboxEntry {

    private final long id;
    private final String eventId;
    private final long customerId;
    private final String type;
    private final long sequence;
    private final String payload;
    private final String traceParent;

    OutboxEntry(long id, String eventId, long customerId, String type, long sequence, String payload, String traceParent) {
        this.id = id;
        this.eventId = eventId;
        this.customerId = customerId;
        this.type = type;
        this.sequence = sequence;
        this.payload = payload;
        this.traceParent = traceParent;
    }

    long id() {
        return id;
    }

    String eventId() {
        return eventId;
    }

    long customerId() {
        return customerId;
    }

    String type() {
        return type;
    }

    long sequence() {
        return sequence;
    }

    /** The JSON body, written when the event happened. */
    String payload() {
        return payload;
    }

    /** The W3C traceparent of the request that wrote the event, or null. */
    String traceParent() {
        return traceParent;
    }

    @Override
    public String toString() {
        return "outbox " + id + " (" + type + " customer " + customerId + " #" + sequence + ", event " + eventId + ")";
    }
}
