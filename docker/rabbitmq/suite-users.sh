#!/usr/bin/env bash
# compose's RabbitMQ (docker-compose.yml, service rabbitmq): starts the broker as the image does, then, at
# every start, makes the suite's users with their passwords from the environment (.env) and permissions on
# the default vhost, one user per purpose, and removes every other user but the operator's (RabbitMQ's own
# default user, RABBITMQ_DEFAULT_USER, administrator: an older suite's shared login goes). Writes
# /var/lib/rabbitmq/suite-users.ready when done, which the healthcheck waits for.
#   customer-events: configure and write the exchange customer.events (it declares and publishes), read nothing.
#   catalogs-events: its queue catalogs.customer-events and the dead-letter queue (configure), binding and
#                    consuming its queue (write and read; read on customer.events to bind). Configure on the
#                    exchange too: RabbitMQ checks it even when catalogs declares the existing exchange again,
#                    which catalogs does so that it never depends on customer-service having started first.
#                    Write on the default exchange (amq.default), the queue's dead-letter exchange: RabbitMQ
#                    asks for it when the queue is declared (tried), and another dead-letter exchange would
#                    make it refuse the queues that exist. So catalogs may put messages into a queue by name:
#                    into its own they carry its user_id and are rejected, the bus's queues have random names.
#   suite-bus:       the exchange springCloudBus and its anonymous queues (springCloudBus.anonymous.*), all three.
# "--" before the arguments: a random password may start with "-". The passwords are rabbitmqctl arguments: it reads none from standard input without a terminal (tried with
# RabbitMQ 4.0), so each shows in this container's process list for the second its command runs; only the
# broker runs here, and the same values are in its environment anyway.
set -euo pipefail
# "suite-users.sh healthy": compose's health check, healthy once the users exist and the node answers (an
# argument without spaces: Podman's Docker API splits a health check's arguments at spaces).
if [ "${1:-}" = healthy ]; then
  test -f /var/lib/rabbitmq/suite-users.ready && exec rabbitmq-diagnostics -q ping
  exit 1
fi
for name in RABBITMQ_DEFAULT_USER RABBITMQ_DEFAULT_PASS RABBITMQ_CUSTOMER_USERNAME RABBITMQ_CUSTOMER_PASSWORD \
  RABBITMQ_CATALOGS_USERNAME RABBITMQ_CATALOGS_PASSWORD RABBITMQ_BUS_USERNAME RABBITMQ_BUS_PASSWORD; do
  [ -n "${!name:-}" ] || { echo "suite-users: $name is not set (.env, see .env.example)" >&2; exit 1; }
done
ready=/var/lib/rabbitmq/suite-users.ready
rm -f "$ready"

docker-entrypoint.sh rabbitmq-server &
broker=$!
# compose stop sends TERM to this script (PID 1): hand it to the broker and wait for a clean stop.
trap 'kill -TERM "$broker" 2>/dev/null; wait "$broker"; exit $?' TERM INT

# await_startup needs the node to have registered with epmd already: try until it has, for 3 minutes at most.
for attempt in $(seq 1 90); do
  # /proc, not kill -0: the broker runs as user rabbitmq once the entrypoint has switched, and a signal to
  # another user's process needs CAP_KILL, which a process of compose's may lack.
  [ -d "/proc/$broker" ] || { wait "$broker"; exit $?; }
  rabbitmqctl -q await_startup --timeout 10 >/dev/null 2>&1 && break
  [ "$attempt" -lt 90 ] || { echo "suite-users: RabbitMQ did not start within 3 minutes" >&2; exit 1; }
  sleep 2
done

user() { # name password configure write read [tag]
  local name=$1 password=$2
  if rabbitmqctl -s list_users | awk '{print $1}' | grep -qxF "$name"; then
    rabbitmqctl -q change_password -- "$name" "$password" >/dev/null
  else
    rabbitmqctl -q add_user -- "$name" "$password" >/dev/null
  fi
  rabbitmqctl -q set_user_tags "$name" ${6:+"$6"} >/dev/null
  rabbitmqctl -q set_permissions -p / -- "$name" "$3" "$4" "$5" >/dev/null
  echo "suite-users: $name configure '$3' write '$4' read '$5'${6:+ ($6)}"
}
user "$RABBITMQ_DEFAULT_USER" "$RABBITMQ_DEFAULT_PASS" '.*' '.*' '.*' administrator
user "$RABBITMQ_CUSTOMER_USERNAME" "$RABBITMQ_CUSTOMER_PASSWORD" '^customer\.events$' '^customer\.events$' '^$'
user "$RABBITMQ_CATALOGS_USERNAME" "$RABBITMQ_CATALOGS_PASSWORD" \
  '^(customer\.events|catalogs\.customer-events(\.dlq)?)$' '^(catalogs\.customer-events|amq\.default)$' \
  '^(customer\.events|catalogs\.customer-events)$'
user "$RABBITMQ_BUS_USERNAME" "$RABBITMQ_BUS_PASSWORD" \
  '^springCloudBus(\.anonymous\..+)?$' '^springCloudBus(\.anonymous\..+)?$' '^springCloudBus(\.anonymous\..+)?$'
keep=$(printf '%s\n' "$RABBITMQ_DEFAULT_USER" "$RABBITMQ_CUSTOMER_USERNAME" "$RABBITMQ_CATALOGS_USERNAME" "$RABBITMQ_BUS_USERNAME")
rabbitmqctl -s list_users | awk '{print $1}' | while read -r other; do
  if [ -n "$other" ] && ! grep -qxF "$other" <<<"$keep"; then
    rabbitmqctl -q delete_user -- "$other" >/dev/null && echo "suite-users: removed user $other (not one of the suite's)"
  fi
done
touch "$ready"
wait "$broker"
