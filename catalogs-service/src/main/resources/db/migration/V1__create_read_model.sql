-- catalogs' read model (CQRS): its own copy of the customers it shows, fed by customer-service's events
-- (exchange customer.events) and filled once from customer-service's list. Read only when customer-service
-- cannot answer.

CREATE TABLE customer_snapshot (
    customer_id   BIGINT       NOT NULL PRIMARY KEY,
    -- The highest event sequence applied to this customer; an event with a lower or equal one is ignored.
    -- -1 for a row of the initial fill: customer-service's API shows no version, so any event wins over it.
    last_sequence BIGINT       NOT NULL,
    -- A deleted customer stays as a tombstone without details, so an older event that arrives late
    -- cannot bring it back.
    deleted       BOOLEAN      NOT NULL,
    -- Wider than customer-service's own columns, so a change of its limits does not poison events.
    name          VARCHAR(200),
    email         VARCHAR(320),
    phone         VARCHAR(40),
    -- When this state was true: the event's occurredAt, or when the initial fill read it.
    as_of         TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Events already applied, by event id, so a redelivered event is recognised as such. Pruned by age.
CREATE TABLE processed_event (
    event_id     VARCHAR(36)  NOT NULL PRIMARY KEY,
    processed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX processed_event_processed_at ON processed_event (processed_at);

-- One row once the initial fill from customer-service's list has completed: it is not repeated.
CREATE TABLE initial_fill (
    id           INT          NOT NULL PRIMARY KEY,
    completed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
