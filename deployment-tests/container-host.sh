#!/usr/bin/env bash
# Prepares a Debian 12 machine that has no Docker engine to run ComposeSuiteIT (the real Dockerfile and
# docker-compose.yml) under Podman. .ci/run calls it; on your own Debian machine: sudo deployment-tests/container-host.sh
#   1. podman, runc and debootstrap from Debian; Compose v2 from Debian trixie (bookworm ships only
#      Compose 1.29, which rejects the compose file's top-level `name`), pinned so nothing else comes from trixie;
#   2. /etc/containers/containers.conf for a host without systemd (cgroupfs, runc, ulimits it permits);
#   3. stand-in base images under the names the Dockerfile uses, since Docker Hub is not reachable here:
#      a debootstrapped Debian 12 with OpenJDK 17 that trusts this machine's own CA certificates
#      (labelled egov-msa-suite.stand-in; the Dockerfile stays as real users run it), and RabbitMQ and
#      PostgreSQL from Debian 13's packages under the official names compose uses (rabbitmq:4.1, postgres:17),
#      and Zipkin from its executable jar on Maven Central (openzipkin/zipkin, the tag compose names);
#   4. Podman's Docker-compatible API on /run/podman/podman.sock, which Compose talks to.
# Each step is skipped when already done. A machine with a working `docker compose` needs none of it.
set -euo pipefail
say() { echo "container-host: $*"; }
[ "$(id -u)" -eq 0 ] || { echo "container-host: run as root (it installs packages and starts Podman's service)" >&2; exit 1; }
command -v apt-get >/dev/null || { echo "container-host: needs Debian's apt-get; elsewhere install Docker or Podman with Compose v2 yourself" >&2; exit 1; }

compose_v2() { docker-compose version 2>/dev/null | grep -q 'version v\?2\.'; }
if ! command -v podman >/dev/null || ! command -v debootstrap >/dev/null || ! compose_v2; then
  cat > /etc/apt/sources.list.d/egov-msa-trixie.sources <<'EOF'
# egov-msa-suite (deployment-tests/container-host.sh): Compose v2 from trixie; the pin below takes nothing else.
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  printf 'Package: *\nPin: release n=trixie\nPin-Priority: -1\n\nPackage: docker-compose\nPin: release n=trixie\nPin-Priority: 990\n' \
    > /etc/apt/preferences.d/egov-msa-trixie
  say "installing podman, runc, debootstrap and docker-compose v2"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman runc debootstrap docker-compose >/dev/null
fi
compose_v2 || { echo "container-host: docker-compose v2 did not install" >&2; exit 1; }

# Podman's own defaults raise nofile and nproc beyond what this sandboxed host permits (runc then fails),
# while an empty list leaves builds at 1024 open files, too few for the Maven reactor in the Dockerfile.
nofile=$(ulimit -Hn); nproc=$(ulimit -Hu)
[ "$nofile" = unlimited ] || [ "$nofile" -gt 65536 ] && nofile=65536
[ "$nproc" = unlimited ] || [ "$nproc" -gt 32768 ] && nproc=32768
conf=$(printf '# written by egov-msa-suite deployment-tests/container-host.sh\n[containers]\ndefault_ulimits = ["nofile=%s:%s", "nproc=%s:%s"]\n\n[engine]\ncgroup_manager = "cgroupfs"\nruntime = "runc"\nevents_logger = "file"\n' \
  "$nofile" "$nofile" "$nproc" "$nproc")
if [ "$(cat /etc/containers/containers.conf 2>/dev/null)" != "$conf" ]; then
  mkdir -p /etc/containers
  [ -f /etc/containers/containers.conf ] && cp /etc/containers/containers.conf /etc/containers/containers.conf.before-egov-msa
  echo "$conf" > /etc/containers/containers.conf
  pkill -f 'podman system service' 2>/dev/null || true   # it reads the file at start
  say "wrote /etc/containers/containers.conf (cgroupfs, runc, nofile $nofile, nproc $nproc)"
fi

jdk=docker.io/library/eclipse-temurin:17-jdk-jammy
jre=docker.io/library/eclipse-temurin:17-jre-jammy
if ! podman image exists "$jdk" || ! podman image exists "$jre"; then
  work=$(mktemp -d /var/tmp/stand-in.XXXXXX)
  trap 'umount "$work/rootfs/proc" 2>/dev/null || true; rm -rf "$work"' EXIT
  say "debootstrapping Debian 12 with OpenJDK 17 for the stand-in base images"
  debootstrap --variant=minbase --include=openjdk-17-jdk-headless,ca-certificates,curl bookworm "$work/rootfs" >"$work/log" 2>&1 \
    || { tail -5 "$work/log" >&2; echo "container-host: debootstrap failed" >&2; exit 1; }
  # This machine's own CAs (a TLS-inspecting proxy, for one) so that Maven inside the build reaches Central;
  # update-ca-certificates also rebuilds Java's cacerts, which needs /proc.
  cp /usr/local/share/ca-certificates/*.crt "$work/rootfs/usr/local/share/ca-certificates/" 2>/dev/null || true
  mount -t proc proc "$work/rootfs/proc"
  chroot "$work/rootfs" update-ca-certificates >/dev/null 2>&1
  umount "$work/rootfs/proc"
  chroot "$work/rootfs" apt-get clean
  rm -rf "$work/rootfs/var/lib/apt/lists/"* "$work/rootfs/usr/share/doc/"* "$work/rootfs/usr/share/man/"*
  import_image() { tar -C "$1" -c . | podman import -q --change 'ENV=LANG=C.UTF-8' --change 'LABEL=egov-msa-suite.stand-in=debian-12-openjdk-17' - "$2" >/dev/null; }
  import_image "$work/rootfs" "$jdk"
  chroot "$work/rootfs" apt-get purge -y -q openjdk-17-jdk-headless >/dev/null
  import_image "$work/rootfs" "$jre"
  say "stand-in images: $jdk, $jre"
fi

# Stand-ins for the official images docker-compose.yml runs beside the suite: RabbitMQ and PostgreSQL from
# Debian 13's packages (rabbitmq-server 4.0, postgresql-17: the official tags' major versions), one debootstrap
# of a minimal Debian 13 copied for each. A small entrypoint honours the environment the official image
# honours for what compose uses, and the health checks' commands are on the PATH as there.
rabbitmq=docker.io/library/rabbitmq:4.1
postgres=docker.io/library/postgres:17
if ! podman image exists "$rabbitmq" || ! podman image exists "$postgres"; then
  stores=$(mktemp -d /var/tmp/stand-in-stores.XXXXXX)
  # (also what the JDK step above leaves, should both run in one call)
  trap 'for d in "$stores"/*/ "${work:-/nonexistent}/rootfs/"; do umount "$d/proc" 2>/dev/null || true; done; rm -rf "$stores" ${work:+"$work"}' EXIT
  say "debootstrapping Debian 13 for the stand-in RabbitMQ and PostgreSQL images"
  debootstrap --variant=minbase --include=ca-certificates trixie "$stores/base" >"$stores/log" 2>&1 \
    || { tail -5 "$stores/log" >&2; echo "container-host: debootstrap of Debian 13 failed" >&2; exit 1; }
  # Services are started by the containers, never by the packages' maintainer scripts.
  printf '#!/bin/sh\nexit 101\n' > "$stores/base/usr/sbin/policy-rc.d"; chmod 755 "$stores/base/usr/sbin/policy-rc.d"
  chroot "$stores/base" apt-get update -q >/dev/null
  # $1 image, $2 label, $3... packages; the root file system is prepared by the function named root_<image name>.
  stand_in() {
    local image=$1 label=$2 root="$stores/$3"; shift 3
    cp -a "$stores/base" "$root"
    mount -t proc proc "$root/proc"
    DEBIAN_FRONTEND=noninteractive chroot "$root" apt-get install -y -q --no-install-recommends "$@" >>"$stores/log" 2>&1 \
      || { umount "$root/proc"; tail -5 "$stores/log" >&2; echo "container-host: installing $* failed" >&2; exit 1; }
    umount "$root/proc"
    "prepare_$(basename "$root")" "$root"
    rm -f "$root/usr/sbin/policy-rc.d"
    chroot "$root" apt-get clean
    rm -rf "$root/var/lib/apt/lists/"* "$root/usr/share/doc/"* "$root/usr/share/man/"* "$root/usr/share/locale/"*
    tar -C "$root" -c . | podman import -q --change 'ENV=LANG=C.UTF-8' --change "LABEL=egov-msa-suite.stand-in=$label" \
      "${changes[@]}" - "$image" >/dev/null
    rm -rf "$root"
    say "stand-in image: $image ($label)"
  }
  prepare_rabbitmq() {
    # The official image's entrypoint, reduced to what compose uses: RABBITMQ_DEFAULT_USER and _PASS name the
    # one user (no guest then), logs go to the console, the server runs as user rabbitmq.
    cat > "$1/usr/local/bin/docker-entrypoint.sh" <<'SCRIPT'
#!/bin/sh
# egov-msa-suite stand-in for the official rabbitmq image (deployment-tests/container-host.sh).
set -eu
conf=/etc/rabbitmq/conf.d/10-defaults.conf
mkdir -p /etc/rabbitmq/conf.d
{
  echo 'loopback_users.guest = false'
  echo 'listeners.tcp.default = 5672'
  echo 'log.console = true'
  echo 'log.console.level = info'
  echo 'log.file = false'
  if [ -n "${RABBITMQ_DEFAULT_USER:-}" ]; then echo "default_user = $RABBITMQ_DEFAULT_USER"; fi
  if [ -n "${RABBITMQ_DEFAULT_PASS:-}" ]; then echo "default_pass = $RABBITMQ_DEFAULT_PASS"; fi
  if [ -n "${RABBITMQ_DEFAULT_VHOST:-}" ]; then echo "default_vhost = $RABBITMQ_DEFAULT_VHOST"; fi
} > "$conf"
chmod 640 "$conf"; chgrp rabbitmq "$conf"
mkdir -p /var/lib/rabbitmq
chown -R rabbitmq:rabbitmq /var/lib/rabbitmq
if [ "$1" = rabbitmq-server ]; then
  set -- /usr/lib/rabbitmq/bin/rabbitmq-server
fi
exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups "$@"
SCRIPT
    chmod 755 "$1/usr/local/bin/docker-entrypoint.sh"
    # The CLI tools (rabbitmq-diagnostics for the health check) as root read the same cookie as the server.
    ln -sfn /var/lib/rabbitmq/.erlang.cookie "$1/root/.erlang.cookie"
  }
  prepare_postgres() {
    # As the official image: listen on every interface, the server's binaries on the PATH.
    sed -ri "s/^#?(listen_addresses)\s*=\s*\S+.*/\1 = '*'/" "$1"/usr/share/postgresql/17/postgresql.conf.sample
    rm -rf "$1"/etc/postgresql/17 "$1"/var/lib/postgresql/17
    mkdir -p "$1/docker-entrypoint-initdb.d" "$1/var/lib/postgresql/data"
    chroot "$1" chown postgres:postgres /var/lib/postgresql/data
    cat > "$1/usr/local/bin/docker-entrypoint.sh" <<'SCRIPT'
#!/bin/bash
# egov-msa-suite stand-in for the official postgres image (deployment-tests/container-host.sh): on the first
# start (empty PGDATA) initdb with POSTGRES_USER (postgres) and POSTGRES_PASSWORD, the database POSTGRES_DB,
# /docker-entrypoint-initdb.d/*.sh (run if executable, else sourced) and *.sql, then the server.
set -Eeo pipefail
if [ "${1:0:1}" = - ]; then set -- postgres "$@"; fi
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown -R postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"; chmod 3777 /var/run/postgresql
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi
if [ "$1" = postgres ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "${POSTGRES_PASSWORD:-}" ]; then
    echo 'Error: Database is uninitialized and superuser password is not specified (POSTGRES_PASSWORD).' >&2
    exit 1
  fi
  export POSTGRES_USER=${POSTGRES_USER:-postgres}
  export POSTGRES_DB=${POSTGRES_DB:-$POSTGRES_USER}
  export PGPASSWORD=${PGPASSWORD:-$POSTGRES_PASSWORD}
  initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") -D "$PGDATA" >/dev/null
  printf '\nhost all all all scram-sha-256\n' >> "$PGDATA/pg_hba.conf"
  pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
  psql=(psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc)
  if [ "$POSTGRES_DB" != postgres ]; then
    "${psql[@]}" --dbname postgres --set db="$POSTGRES_DB" <<<'CREATE DATABASE :"db";' >/dev/null
  fi
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sh) echo "$0: running $f"; if [ -x "$f" ]; then "$f"; else . "$f"; fi ;;
      *.sql) echo "$0: running $f"; "${psql[@]}" --dbname "$POSTGRES_DB" -f "$f" ;;
      *) [ -e "$f" ] && echo "$0: ignoring $f" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  echo 'PostgreSQL init process complete; ready for start up.'
fi
exec "$@"
SCRIPT
    chmod 755 "$1/usr/local/bin/docker-entrypoint.sh"
  }
  if ! podman image exists "$rabbitmq"; then
    changes=(--change 'ENV=HOME=/var/lib/rabbitmq' --change 'VOLUME=/var/lib/rabbitmq' --change 'EXPOSE=5672'
      --change 'ENTRYPOINT=["/usr/local/bin/docker-entrypoint.sh"]' --change 'CMD=["rabbitmq-server"]')
    stand_in "$rabbitmq" "debian-13-rabbitmq-server-4.0" rabbitmq rabbitmq-server
  fi
  if ! podman image exists "$postgres"; then
    changes=(--change 'ENV=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/17/bin'
      --change 'ENV=PGDATA=/var/lib/postgresql/data' --change 'VOLUME=/var/lib/postgresql/data' --change 'EXPOSE=5432'
      --change 'STOPSIGNAL=SIGINT' --change 'ENTRYPOINT=["/usr/local/bin/docker-entrypoint.sh"]' --change 'CMD=["postgres"]')
    stand_in "$postgres" "debian-13-postgresql-17" postgres postgresql-17
  fi
fi

# Stand-in for the official Zipkin image: the same server's executable jar from Maven Central (the one
# ./suite up --zipkin runs), on the stand-in JRE, under the tag docker-compose.yml names.
zipkin_version=$(sed -n 's|^ *image: openzipkin/zipkin:||p' "$(dirname "$0")/../docker-compose.yml")
zipkin=docker.io/openzipkin/zipkin:$zipkin_version
if [ -n "$zipkin_version" ] && ! podman image exists "$zipkin"; then
  zdir=$(mktemp -d /var/tmp/stand-in-zipkin.XXXXXX)
  jar=~/.m2/repository/io/zipkin/zipkin-server/$zipkin_version/zipkin-server-$zipkin_version-exec.jar
  if [ -f "$jar" ]; then cp "$jar" "$zdir/zipkin.jar"; else
    curl -fsSL -o "$zdir/zipkin.jar" "https://repo.maven.apache.org/maven2/io/zipkin/zipkin-server/$zipkin_version/zipkin-server-$zipkin_version-exec.jar" \
      || { rm -rf "$zdir"; echo "container-host: cannot download zipkin-server $zipkin_version from Maven Central" >&2; exit 1; }
  fi
  printf 'FROM %s\nLABEL egov-msa-suite.stand-in=zipkin-server-%s-exec-jar\nCOPY zipkin.jar /zipkin/zipkin.jar\nEXPOSE 9411\nENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /zipkin/zipkin.jar"]\n' \
    "$jre" "$zipkin_version" > "$zdir/Containerfile"
  podman build -q -t "$zipkin" "$zdir" >/dev/null || { rm -rf "$zdir"; echo "container-host: building the Zipkin stand-in failed" >&2; exit 1; }
  rm -rf "$zdir"
  say "stand-in image: $zipkin (zipkin-server $zipkin_version from Maven Central)"
fi

socket=/run/podman/podman.sock
ping() { curl -fsS -m 2 --unix-socket "$socket" http://d/_ping >/dev/null 2>&1; }
if ! ping; then
  mkdir -p /run/podman
  setsid nohup podman system service --time=0 "unix://$socket" >/var/log/podman-service.log 2>&1 < /dev/null &
  for _ in $(seq 50); do ping && break; sleep 0.2; done
  ping || { echo "container-host: Podman's API did not answer on $socket (see /var/log/podman-service.log)" >&2; exit 1; }
  say "Podman's Docker-compatible API on $socket"
fi
say "ready: DOCKER_HOST=unix://$socket docker-compose ..."
