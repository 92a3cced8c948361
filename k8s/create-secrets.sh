#!/usr/bin/env bash
# Creates a namespace and every Secret the suite's manifests require there, each password and key fresh and random.
#   k8s/create-secrets.sh egov-msa-dev dev   # for the dev overlay: also the Secrets of its in-cluster PostgreSQL
#                                            # and RabbitMQ (postgres, customer-db, catalogs-db, rabbitmq,
#                                            # rabbitmq-customer, rabbitmq-catalogs, rabbitmq-admin)
#   k8s/create-secrets.sh egov-msa prod      # for prod: the suite's own; the operator creates those that name
#                                            # the managed stores and the configuration repository (README):
#                                            # customer-db, catalogs-db, rabbitmq, rabbitmq-customer,
#                                            # rabbitmq-catalogs and config-git
# Without the second argument: dev for the namespace egov-msa-dev, prod for any other.
# A Secret that already exists is kept, so running it again never changes a running deployment's logins.
set -euo pipefail
ns=${1:?usage: k8s/create-secrets.sh <namespace> [dev|prod]  (egov-msa-dev for the dev overlay, egov-msa for prod)}
stage=${2:-$([ "$ns" = egov-msa-dev ] && echo dev || echo prod)}
case "$stage" in dev|prod) ;; *) echo "create-secrets: the second argument is dev or prod, not $stage" >&2; exit 1;; esac
command -v kubectl >/dev/null || { echo "create-secrets: kubectl not found" >&2; exit 1; }

# 48 letters and digits (about 285 bits): 96 random bytes leave far more than 48 after dropping base64's / + =.
rnd() { head -c 96 /dev/urandom | base64 -w0 | tr -dc 'A-Za-z0-9' | cut -c1-48; }
literals() { for key in "$@"; do printf -- '--from-literal=%s=%s\n' "$key" "$(rnd)"; done; }
secret() {
  local name=$1; shift
  if kubectl -n "$ns" get secret "$name" >/dev/null 2>&1; then
    echo "secret/$name exists in $ns: kept"
  else
    kubectl -n "$ns" create secret generic "$name" "$@"
  fi
}

kubectl get namespace "$ns" >/dev/null 2>&1 || kubectl create namespace "$ns"

# The config server's logins: the operator's, and one per application (each reads only its own configuration).
mapfile -t config < <(literals CONFIG_OPERATOR_PASSWORD CONFIG_PASSWORD_EUREKA_SERVER CONFIG_PASSWORD_CUSTOMER \
  CONFIG_PASSWORD_CATALOGS CONFIG_PASSWORD_ZUUL_GATEWAY CONFIG_PASSWORD_TURBINE_DASHBOARD)
secret config-logins "${config[@]}"
# Eureka's logins: the operator's, and one per application (each registers only itself).
mapfile -t eureka < <(literals EUREKA_OPERATOR_PASSWORD EUREKA_PASSWORD_CUSTOMER EUREKA_PASSWORD_CATALOGS \
  EUREKA_PASSWORD_ZUUL_GATEWAY EUREKA_PASSWORD_TURBINE_DASHBOARD)
secret eureka-logins "${eureka[@]}"
mapfile -t encryption < <(literals ENCRYPT_KEY)
secret config-encryption "${encryption[@]}"
mapfile -t signing < <(literals JWT_HMAC_SECRET)
secret token-signing "${signing[@]}"
mapfile -t management < <(literals MANAGEMENT_PASSWORD STREAM_KEY)
secret management-login "${management[@]}"
# Prometheus' scrape login (user "metrics"): /actuator/prometheus on every service, and nothing else.
mapfile -t metrics < <(literals METRICS_PASSWORD)
secret metrics-login "${metrics[@]}"
# Grafana's admin (component k8s/components/observability; harmless without it).
mapfile -t grafana < <(literals GF_SECURITY_ADMIN_PASSWORD)
secret grafana-admin "${grafana[@]}"

# The stores. dev: PostgreSQL and RabbitMQ run in the cluster (k8s/components/in-cluster-stores); their logins
# are created here, random, and the services' Secrets name the in-cluster Services. The user names and
# addresses are not secret, but each Secret holds everything a service needs to reach its store, as in prod.
if [ "$stage" = dev ]; then
  mapfile -t postgres < <(literals POSTGRES_PASSWORD)
  secret postgres "${postgres[@]}"
  mapfile -t customer_db < <(literals CUSTOMER_DB_PASSWORD)
  secret customer-db --from-literal=CUSTOMER_DB_URL=jdbc:postgresql://postgres:5432/customer \
    --from-literal=CUSTOMER_DB_USERNAME=customer "${customer_db[@]}"
  mapfile -t catalogs_db < <(literals CATALOGS_DB_PASSWORD)
  secret catalogs-db --from-literal=CATALOGS_DB_URL=jdbc:postgresql://postgres:5432/catalogs \
    --from-literal=CATALOGS_DB_USERNAME=catalogs "${catalogs_db[@]}"
  # RabbitMQ: one user per purpose (docker/rabbitmq/suite-users.sh): the bus's (in "rabbitmq", with the
  # address, for every service), customer-service's and catalogs' events logins, and the operator's
  # administrator, which only the broker's pod reads.
  mapfile -t rabbitmq < <(literals RABBITMQ_BUS_PASSWORD)
  secret rabbitmq --from-literal=RABBITMQ_HOST=rabbitmq --from-literal=RABBITMQ_PORT=5672 \
    --from-literal=RABBITMQ_BUS_USERNAME=suite-bus "${rabbitmq[@]}"
  mapfile -t rabbitmq_customer < <(literals RABBITMQ_PASSWORD)
  secret rabbitmq-customer --from-literal=RABBITMQ_USERNAME=customer-events "${rabbitmq_customer[@]}"
  mapfile -t rabbitmq_catalogs < <(literals RABBITMQ_PASSWORD)
  secret rabbitmq-catalogs --from-literal=RABBITMQ_USERNAME=catalogs-events "${rabbitmq_catalogs[@]}"
  mapfile -t rabbitmq_admin < <(literals RABBITMQ_ADMIN_PASSWORD)
  secret rabbitmq-admin --from-literal=RABBITMQ_ADMIN_USERNAME=admin "${rabbitmq_admin[@]}"
else
  # prod: managed services; only the operator knows their addresses and logins (README: Deploy to Kubernetes).
  for name in customer-db catalogs-db rabbitmq rabbitmq-customer rabbitmq-catalogs config-git; do
    kubectl -n "$ns" get secret "$name" >/dev/null 2>&1 \
      || echo "create-secrets: prod needs secret/$name from you (README: Deploy to Kubernetes); pods that need it wait until it exists"
  done
fi
