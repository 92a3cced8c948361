-- 개인정보 접속기록 (access records, 개인정보의 안전성 확보조치 기준 제8조): every access to a customer's personal
-- data that this service makes, written by msa-support's accessrecord package and never changed or deleted by
-- the service. The same tables in customer-service and catalogs (V6 and V3), each in its own database.
-- Each record carries the hash of the one before it, so a changed or removed record breaks the chain
-- (access-records verify). The service's database login needs SELECT and INSERT on access_record and
-- access_record_customer, SELECT and UPDATE on access_record_head, SELECT on access_record_anchor, nothing more;
-- removing records past their retention is the one-off access-records prune, with the migration login.

CREATE TABLE access_record (
    -- Consecutive from 1, given out under the head's lock: a gap is a removed record.
    id             BIGINT       NOT NULL PRIMARY KEY,
    accessed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    -- The token's subject.
    account        VARCHAR(255) NOT NULL,
    client_address VARCHAR(64)  NOT NULL,
    -- read, list, register, change, delete
    action         VARCHAR(16)  NOT NULL,
    -- ok, invalid, not-found, conflict, unavailable, error, or the HTTP status
    result         VARCHAR(16)  NOT NULL,
    trace_id       VARCHAR(32),
    previous_hash  VARCHAR(64)  NOT NULL,
    hash           VARCHAR(64)  NOT NULL
);
CREATE INDEX access_record_account ON access_record (account, id);
CREATE INDEX access_record_accessed_at ON access_record (accessed_at);

-- The customers of each record, in order (a list names every customer on its page).
CREATE TABLE access_record_customer (
    record_id   BIGINT      NOT NULL REFERENCES access_record (id),
    ordinal     INT         NOT NULL,
    customer_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (record_id, ordinal)
);
CREATE INDEX access_record_customer_id ON access_record_customer (customer_id, record_id);

-- One row: the last record of the chain. Each instance's writer locks it (SELECT ... FOR UPDATE) for a batch,
-- so the instances that share this database append one after the other.
CREATE TABLE access_record_head (
    id        INT         NOT NULL PRIMARY KEY,
    last_id   BIGINT      NOT NULL,
    last_hash VARCHAR(64) NOT NULL
);
INSERT INTO access_record_head (id, last_id, last_hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- One row: where the chain starts. Pruning removes the records up to an id and keeps that record's id and hash
-- here, so the records kept still verify. Only the one-off prune changes it.
CREATE TABLE access_record_anchor (
    id          INT         NOT NULL PRIMARY KEY,
    anchor_id   BIGINT      NOT NULL,
    anchor_hash VARCHAR(64) NOT NULL,
    pruned_at   TIMESTAMP WITH TIME ZONE
);
INSERT INTO access_record_anchor (id, anchor_id, anchor_hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
