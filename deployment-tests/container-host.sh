#!/usr/bin/env bash
# Prepares a Debian 12 machine that has no Docker engine to run ComposeSuiteIT (the real Dockerfile and
# docker-compose.yml) under Podman. .ci/run calls it; on your own Debian machine: sudo deployment-tests/container-host.sh
#   1. podman, runc and debootstrap from Debian; Compose v2 from Debian trixie (bookworm ships only
#      Compose 1.29, which rejects the compose file's top-level `name`), pinned so nothing else comes from trixie;
#   2. /etc/containers/containers.conf for a host without systemd (cgroupfs, runc, ulimits it permits);
#   3. stand-in base images under the names the Dockerfile uses, since Docker Hub is not reachable here:
#      a debootstrapped Debian 12 with OpenJDK 17 that trusts this machine's own CA certificates
#      (labelled egov-msa-suite.stand-in; the Dockerfile stays as real users run it);
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
  import_image() { tar -C "$1" -c . | podman import --change 'ENV=LANG=C.UTF-8' --change 'LABEL=egov-msa-suite.stand-in=debian-12-openjdk-17' - "$2" >/dev/null; }
  import_image "$work/rootfs" "$jdk"
  chroot "$work/rootfs" apt-get purge -y -q openjdk-17-jdk-headless >/dev/null
  import_image "$work/rootfs" "$jre"
  say "stand-in images: $jdk, $jre"
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
