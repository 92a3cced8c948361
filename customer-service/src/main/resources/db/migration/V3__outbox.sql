-- Transactional outbox: every customer event is written here in the transaction that changes the customer,
-- and the relay (infrastructure/events/OutboxRelay) publishes it to RabbitMQ afterwards. sent_at stays NULL
-- until the broker has confirmed the message; sent rows are deleted after a retention time.
-- Plain SQL that H2 1.4.200 and PostgreSQL both accept.
CREATE SEQUENCE outbox_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE outbox (
    id          BIGINT        NOT NULL PRIMARY KEY,
    event_id    VARCHAR(36)   NOT NULL,
    customer_id BIGINT        NOT NULL,
    event_type  VARCHAR(20)   NOT NULL,
    sequence_no BIGINT        NOT NULL,
    payload     VARCHAR(4000) NOT NULL,
    created_at  TIMESTAMP     NOT NULL,
    sent_at     TIMESTAMP,
    CONSTRAINT outbox_event_id_unique UNIQUE (event_id)
);

-- Serves both of the relay's queries: the oldest unsent rows (sent_at IS NULL ORDER BY id) and the
-- deletion of rows sent before a given time.
CREATE INDEX outbox_sent_at_id ON outbox (sent_at, id);
