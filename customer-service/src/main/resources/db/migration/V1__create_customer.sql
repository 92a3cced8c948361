CREATE SEQUENCE customer_seq START WITH 10000 INCREMENT BY 1;

CREATE TABLE customer (
    id       BIGINT       NOT NULL PRIMARY KEY,
    name     VARCHAR(50)  NOT NULL,
    email    VARCHAR(254) NOT NULL,
    phone    VARCHAR(13)  NOT NULL,
    zip_code VARCHAR(5)   NOT NULL,
    street   VARCHAR(200) NOT NULL,
    version  BIGINT       NOT NULL
);
