-- The schema the schema/ tests migrate (msa-support has no database of its own).
CREATE TABLE note (id BIGINT PRIMARY KEY, body VARCHAR(100) NOT NULL);
