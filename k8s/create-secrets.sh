#!/usr/bin/env bash
# Creates a namespace and every Secret the suite's manifests require there, each value fresh and random.
#   k8s/create-secrets.sh egov-msa-dev     # for the dev overlay
#   k8s/create-secrets.sh egov-msa         # for prod (then also customer-db and config-git: see README)
# A Secret that already exists is kept, so running it again never changes a running deployment's logins.
set -euo pipefail
ns=${1:?usage: k8s/create-secrets.sh <namespace>  (egov-msa-dev for the dev overlay, egov-msa for prod)}
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
