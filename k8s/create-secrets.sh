#!/usr/bin/env bash
# Creates a namespace and every Secret the suite's manifests require there, each password and key fresh and random.
#   k8s/create-secrets.sh egov-msa-dev dev   # for the dev overlay: also the Secrets of its in-cluster PostgreSQL
#                                            # and RabbitMQ (postgres, customer-db(-migration),
#                                            # catalogs-db(-migration), rabbitmq, rabbitmq-customer,
#                                            # rabbitmq-catalogs, rabbitmq-admin)
#   k8s/create-secrets.sh egov-msa prod      # for prod: the suite's own; the operator creates those that name
#                                            # the managed stores and the configuration repository (README):
#                                            # customer-db, customer-db-migration, catalogs-db,
#                                            # catalogs-db-migration, rabbitmq, rabbitmq-customer,
#                                            # rabbitmq-catalogs and config-git
# Without the second argument: dev for the namespace egov-msa-dev, prod for any other.
# A Secret that already exists is kept, so running it again never changes a running deployment's logins.
set -euo pipefail
ns=${1:?usage: k8s/create-secrets.sh <namespace> [dev|prod]  (egov-msa-dev for the dev overlay, egov-msa for prod)}
stage=${2:-$([ "$ns" = egov-msa-dev ] && echo dev || echo prod)}
case "$stage" in dev|prod) ;; *) echo "create-secrets: the second argument is dev or prod, not $stage" >&2; exit 1;; esac
command -v kubectl >/dev/null || { echo "create-secrets: kubectl not found" >&2; exit 1; }

# 48 letters and digits (about 285 bits): 96 random bytes leave far more than 48 after dropping base64's / + = and
# its line breaks (no base64 -w0: macOS has none).
rnd() { head -c 96 /dev/urandom | base64 | LC_ALL=C tr -dc 'A-Za-z0-9' | cut -c1-48; }
# secret <name> [KEY=value ...] [KEY ...]: KEY=value is a value that is not secret (a user name, a URL) and may be
# an argument; a bare KEY gets a fresh random value, which kubectl reads from its standard input
# (--from-env-file=/dev/stdin), never from its arguments: those are visible to every user of the machine (ps).
secret() {
  local name=$1 arg
  shift
  if kubectl -n "$ns" get secret "$name" >/dev/null 2>&1; then
    echo "secret/$name exists in $ns: kept"
    return
  fi
  # Bash 3.2 (macOS) with set -u refuses "${plain[@]}" of an empty array: the literals go first, one by one.
  local plain=()
  for arg in "$@"; do
    case "$arg" in *=*) plain[${#plain[@]}]="--from-literal=$arg" ;; esac
  done
  for arg in "$@"; do
    case "$arg" in *=*) ;; *) printf '%s=%s\n' "$arg" "$(rnd)" ;; esac
  done | kubectl -n "$ns" create secret generic "$name" ${plain[@]+"${plain[@]}"} --from-env-file=/dev/stdin
}

kubectl get namespace "$ns" >/dev/null 2>&1 || kubectl create namespace "$ns"

# The config server's logins: the operator's, and one per application (each reads only its own configuration).
secret config-logins CONFIG_OPERATOR_PASSWORD CONFIG_PASSWORD_EUREKA_SERVER CONFIG_PASSWORD_CUSTOMER \
  CONFIG_PASSWORD_CATALOGS CONFIG_PASSWORD_ZUUL_GATEWAY CONFIG_PASSWORD_TURBINE_DASHBOARD
# Eureka's logins: the operator's, and one per application (each registers only itself).
secret eureka-logins EUREKA_OPERATOR_PASSWORD EUREKA_PASSWORD_CUSTOMER EUREKA_PASSWORD_CATALOGS \
  EUREKA_PASSWORD_ZUUL_GATEWAY EUREKA_PASSWORD_TURBINE_DASHBOARD
secret config-encryption ENCRYPT_KEY
secret token-signing JWT_HMAC_SECRET
secret management-login MANAGEMENT_PASSWORD STREAM_KEY
# Prometheus' scrape login (user "metrics"): /actuator/prometheus on every service, and nothing else.
secret metrics-login METRICS_PASSWORD
# Grafana's admin (component k8s/components/observability; harmless without it).
secret grafana-admin GF_SECURITY_ADMIN_PASSWORD

# The stores. dev: PostgreSQL and RabbitMQ run in the cluster (k8s/components/in-cluster-stores); their logins
# are created here, random, and the services' Secrets name the in-cluster Services. The user names and
# addresses are not secret, but each Secret holds everything a service needs to reach its store, as in prod.
if [ "$stage" = dev ]; then
  secret postgres POSTGRES_PASSWORD
  # Two logins per database (docker/postgres-init/): the service's (rows only) and the migration login (owner of
  # the schema), which only the schema Jobs and the access records' prune get.
  secret customer-db CUSTOMER_DB_URL=jdbc:postgresql://postgres:5432/customer CUSTOMER_DB_USERNAME=customer \
    CUSTOMER_DB_PASSWORD
  secret customer-db-migration CUSTOMER_DB_URL=jdbc:postgresql://postgres:5432/customer \
    CUSTOMER_DB_USERNAME=customer_migration CUSTOMER_DB_PASSWORD
  secret catalogs-db CATALOGS_DB_URL=jdbc:postgresql://postgres:5432/catalogs CATALOGS_DB_USERNAME=catalogs \
    CATALOGS_DB_PASSWORD
  secret catalogs-db-migration CATALOGS_DB_URL=jdbc:postgresql://postgres:5432/catalogs \
    CATALOGS_DB_USERNAME=catalogs_migration CATALOGS_DB_PASSWORD
  # RabbitMQ: one user per purpose (docker/rabbitmq/suite-users.sh): the bus's (in "rabbitmq", with the
  # address, for every service), customer-service's and catalogs' events logins, and the operator's
  # administrator, which only the broker's pod reads.
  secret rabbitmq RABBITMQ_HOST=rabbitmq RABBITMQ_PORT=5672 RABBITMQ_BUS_USERNAME=suite-bus RABBITMQ_BUS_PASSWORD
  secret rabbitmq-customer RABBITMQ_USERNAME=customer-events RABBITMQ_PASSWORD
  secret rabbitmq-catalogs RABBITMQ_USERNAME=catalogs-events RABBITMQ_PASSWORD
  secret rabbitmq-admin RABBITMQ_ADMIN_USERNAME=admin RABBITMQ_ADMIN_PASSWORD
else
  # prod: managed services; only the operator knows their addresses and logins (README: Deploy to Kubernetes).
  for name in customer-db customer-db-migration catalogs-db catalogs-db-migration rabbitmq rabbitmq-customer \
      rabbitmq-catalogs config-git; do
    kubectl -n "$ns" get secret "$name" >/dev/null 2>&1 \
      || echo "create-secrets: prod needs secret/$name from you (README: Deploy to Kubernetes); pods that need it wait until it exists"
  done
fi
