#!/bin/bash
# One database per service and two logins for each: customer-service keeps customers in "customer", catalogs-service
# its read model in "catalogs" (one database per service).
#   <db>_migration  owns the database and its schema: the one-off migrations (schema-migrate-*, Flyway's DDL) and the
#                   access-records prune run with it. Tables it creates are usable by the service login (default
#                   privileges below).
#   <db>            the service's own login: SELECT, INSERT, UPDATE, DELETE on those tables and the sequences, nothing
#                   else (no CREATE, ALTER, DROP or TRUNCATE). On the access-record tables even less: after every
#                   migration the migration login takes back the rest (msa-support, AppendOnlyGrants), leaving it
#                   INSERT and SELECT (the service never changes or deletes a record), and SELECT on Flyway's history.
# The postgres image runs this once, on the first start with an empty data directory, as the superuser
# (POSTGRES_USER) over the container's local socket. docker-compose.yml mounts it, and k8s/components/
# in-cluster-stores generates a ConfigMap from it. The passwords come from the container's environment
# (.env or the Secrets customer-db, customer-db-migration, catalogs-db and catalogs-db-migration), never from
# this file. A managed PostgreSQL (prod) needs the same statements from its operator (README: the database logins).
# The image sources this file unless it is executable: no `exit`, no `set -u`.
set -eo pipefail
: "${CUSTOMER_DB_PASSWORD:?postgres-init: set CUSTOMER_DB_PASSWORD (customer-service's login)}"
: "${CUSTOMER_MIGRATION_DB_PASSWORD:?postgres-init: set CUSTOMER_MIGRATION_DB_PASSWORD (customer-service's migration login)}"
: "${CATALOGS_DB_PASSWORD:?postgres-init: set CATALOGS_DB_PASSWORD (catalogs-service's login)}"
: "${CATALOGS_MIGRATION_DB_PASSWORD:?postgres-init: set CATALOGS_MIGRATION_DB_PASSWORD (catalogs-service's migration login)}"

# $1: the database (and the service login's name), $2: the service login's password, $3: the migration login's.
service_database() {
  psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres --no-psqlrc \
    --set db="$1" --set migration="$1_migration" --set password="$2" --set migration_password="$3" <<'SQL'
CREATE ROLE :"migration" LOGIN PASSWORD :'migration_password';
CREATE ROLE :"db" LOGIN PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"migration";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"db" TO :"db";
\connect :"db"
-- The schema belongs to the migration login: nobody else creates objects in it (PostgreSQL before 15 let PUBLIC).
ALTER SCHEMA public OWNER TO :"migration";
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"db";
-- What the migration login creates from now on, the service login may read and write, never change or drop.
ALTER DEFAULT PRIVILEGES FOR ROLE :"migration" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"db";
ALTER DEFAULT PRIVILEGES FOR ROLE :"migration" IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO :"db";
SQL
}

service_database customer "$CUSTOMER_DB_PASSWORD" "$CUSTOMER_MIGRATION_DB_PASSWORD"
service_database catalogs "$CATALOGS_DB_PASSWORD" "$CATALOGS_MIGRATION_DB_PASSWORD"
echo "postgres-init: databases customer and catalogs, each owned by its migration login, with a DML-only service login"
