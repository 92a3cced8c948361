-- When catalogs applied the row's current state (an event or the initial fill): with as_of (when the state
-- was true at customer-service) it tells how far the read model lags; the readmodel endpoint shows both.
ALTER TABLE customer_snapshot ADD COLUMN applied_at TIMESTAMP WITH TIME ZONE;
