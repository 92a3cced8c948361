#!/bin/bash
# One database and one login per service, each login owning only its own database: customer-service keeps
# customers in "customer", catalogs-service its read model in "catalogs" (one database per service).
# The postgres image runs this once, on the first start with an empty data directory, as the superuser
# (POSTGRES_USER) over the container's local socket. docker-compose.yml mounts it, and k8s/components/
# in-cluster-stores generates a ConfigMap from it. The passwords come from the container's environment
# (.env or the Secrets customer-db and catalogs-db), never from this file.
# The image sources this file unless it is executable: no `exit`, no `set -u`.
set -eo pipefail
: "${CUSTOMER_DB_PASSWORD:?postgres-init: set CUSTOMER_DB_PASSWORD (customer-service's login)}"
: "${CATALOGS_DB_PASSWORD:?postgres-init: set CATALOGS_DB_PASSWORD (catalogs-service's login)}"
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres --no-psqlrc \
  --set customer_password="$CUSTOMER_DB_PASSWORD" --set catalogs_password="$CATALOGS_DB_PASSWORD" <<'SQL'
CREATE ROLE customer LOGIN PASSWORD :'customer_password';
CREATE DATABASE customer OWNER customer;
REVOKE ALL ON DATABASE customer FROM PUBLIC;
CREATE ROLE catalogs LOGIN PASSWORD :'catalogs_password';
CREATE DATABASE catalogs OWNER catalogs;
REVOKE ALL ON DATABASE catalogs FROM PUBLIC;
SQL
echo "postgres-init: databases customer and catalogs, each owned by its own login"
