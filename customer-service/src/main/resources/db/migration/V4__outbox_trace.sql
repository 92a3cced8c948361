-- The trace (W3C traceparent) of the request that wrote each event, so the published message, and whatever
-- its consumers log, carries the same trace id. NULL for events written outside a traced request.
ALTER TABLE outbox ADD COLUMN trace_parent VARCHAR(55);
