# syntax=docker/dockerfile:1.6
# One recipe for all six services; the build argument MODULE names the one to package:
#   docker build --build-arg MODULE=catalogs-service -t egov-msa-suite/catalogs-service .
# docker compose builds all six from it (see docker-compose.yml).

# --- build: the whole reactor with the Maven wrapper. It does not use MODULE, so it is the same for
# every image and BuildKit builds it once; the cache mount keeps downloaded dependencies between builds.
FROM eclipse-temurin:17-jdk-jammy AS build
WORKDIR /workspace
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests package \
      -pl config-server,eureka-server,customer-service,catalogs-service,zuul-gateway,turbine-dashboard -am

# --- layers: split the chosen service's jar into Spring Boot's layers (dependencies change rarely,
# the application often), so an image rebuild only replaces the small top layers.
FROM eclipse-temurin:17-jdk-jammy AS layers
ARG MODULE
WORKDIR /layers
RUN test -n "$MODULE" || { echo "Dockerfile: set --build-arg MODULE=<service> (config-server, eureka-server, customer-service, catalogs-service, zuul-gateway or turbine-dashboard)" >&2; exit 1; }
COPY --from=build /workspace/${MODULE}/target/${MODULE}.jar app.jar
RUN java -Djarmode=layertools -jar app.jar extract && rm app.jar

# --- runtime: a JRE, the layers, and an unprivileged user.
FROM eclipse-temurin:17-jre-jammy
ARG MODULE
# The project's version (pom.xml); the Kubernetes manifests name images by it.
ARG VERSION=1.0.0
LABEL org.opencontainers.image.title="egov-msa-suite ${MODULE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.source="egov-msa-suite"
# curl serves the compose healthcheck and the Kubernetes preStop hook.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=layers /layers/dependencies/ ./
COPY --from=layers /layers/spring-boot-loader/ ./
COPY --from=layers /layers/snapshot-dependencies/ ./
COPY --from=layers /layers/application/ ./
# The config server seeds its git repository from here unless CONFIG_GIT_URI names a remote one.
COPY config-repo/ /app/config-repo/
# An image is never a local run: it starts in the docker profile (Kubernetes sets k8s), which refuses
# missing, short or development credentials and keys. It listens on every interface of its container.
# Memory, sized to the container's limit (768 MiB in docker-compose.yml and k8s), full tiered JIT:
#   heap 45 % = 346 MiB + metaspace <= 128 + code cache <= 96 + direct buffers <= 32
#   + thread stacks ~120 x 0.5 = 60 + the JVM's own (GC, symbols, compiler) ~40  = 702 MiB, 66 MiB (9 %) spare.
# Measured at rest in containers: heap 40-80 MiB used, metaspace 48-78 MiB, 47-78 threads, RSS 222-306 MiB.
# Each bound makes the JVM fail with its own OutOfMemoryError (and exit, for a restart) before the kernel's
# OOM killer would end it without a word. JAVA_TOOL_OPTIONS: an operator may override it for tuning.
# The layered form starts JarLauncher rather than `java -jar`, so the jar manifest's Add-Opens does not
# apply and the flags are given here (Spring 5.2's CGLIB on JDK 17, needed by /actuator/refresh; Tomcat's
# cache clean-up on shutdown), in JDK_JAVA_OPTIONS: the java launcher reads it besides JAVA_TOOL_OPTIONS,
# so overriding the heap options cannot drop them.
# SUITE_IMAGE: the services refuse the local profile (development defaults) in this image (RequiredSettingsCheck).
# HOME: the config server's JGit looks for a user configuration there; the root file system is read-only
# in Kubernetes and /tmp is the writable volume.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=45 -XX:InitialRAMPercentage=15 -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=96m -XX:MaxDirectMemorySize=32m -XX:+UseSerialGC -Xss512k -XX:+ExitOnOutOfMemoryError -Dfile.encoding=UTF-8" \
    JDK_JAVA_OPTIONS="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED" \
    HOME=/tmp \
    MANAGEMENT_ADDRESS=0.0.0.0 \
    SERVER_ADDRESS=0.0.0.0 \
    SPRING_PROFILES_ACTIVE=docker \
    SUITE_IMAGE=true \
    CONFIG_REPO_DIR=/app/config-repo \
    CONFIG_SEED_GIT_DIR=/tmp/config/seed \
    CONFIG_BASEDIR=/tmp/config/clone
USER 10001:10001
# customer-service and catalogs-service: the argument "migrate" runs the release's one-off schema migration
# instead of the service (README: Schema migrations; compose's schema-migrate-*, the Kubernetes Jobs).
ENTRYPOINT ["java", "org.springframework.boot.loader.JarLauncher"]
