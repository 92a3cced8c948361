package egovframework.msa.sample.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuiteLauncherTest {

    @TempDir
    Path root;

    @Test
    void topologyStartsEveryServiceAfterItsDependenciesOnDistinctPorts() {
        Set<String> started = new HashSet<>();
        Set<Integer> ports = new HashSet<>();
        for (ServiceSpec service : Topology.SERVICES) {
            assertThat(started).as(service + " after its dependencies").containsAll(service.dependsOn());
            assertThat(ports.add(service.port())).as("unique port " + service.port()).isTrue();
            assertThat(ports.add(service.managementPort())).as("unique port " + service.managementPort()).isTrue();
            started.add(service.name());
        }
        assertThat(started).hasSize(6);
    }

    @Test
    void furtherInstancesGetTheirOwnPortsLogAndPidFile() {
        ServiceSpec second = Topology.get("customer-service").instance(2);
        SuiteLayout layout = new SuiteLayout(root, root.resolve("var"));

        assertThat(second.port()).isEqualTo(8092);
        assertThat(second.managementPort()).isEqualTo(9092);
        assertThat(second.instanceName()).isEqualTo("customer-service-2");
        assertThat(layout.log(second)).hasFileName("customer-service-2.log");
        assertThat(layout.pidFile(second)).hasFileName("customer-service-2.pid");
        assertThat(layout.jar(second)).isEqualTo(layout.jar(Topology.get("customer-service")));
        assertThat(second.instance(1)).isEqualTo(Topology.get("customer-service"));
        // No instance of one service lands on a port of another service's instances.
        Set<Integer> ports = new HashSet<>();
        for (ServiceSpec service : Topology.SERVICES) {
            for (int n = 1; n <= ServiceSpec.MAX_INSTANCES; n++) {
                assertThat(ports.add(service.instance(n).port())).as(service.instance(n).toString()).isTrue();
                assertThat(ports.add(service.instance(n).managementPort())).isTrue();
            }
        }
    }

    @Test
    void instanceNumbersOutsideTheRangeAreRefusedInOneLine() {
        assertThatThrownBy(() -> Topology.get("customer-service").instance(10))
                .isInstanceOf(LauncherException.class).hasMessage("instance must be 1 to 9, not 10");
        assertThatThrownBy(() -> launcher().startInstance("customer-service", 0))
                .isInstanceOf(LauncherException.class).hasMessage("instance must be 1 to 9, not 0");
    }

    @Test
    void statusListsAFurtherInstanceOnlyWhileItHasAPidFile() throws IOException {
        Path pid = new SuiteLayout(root, root.resolve("var")).pidFile(Topology.get("customer-service").instance(2));
        Files.createDirectories(pid.getParent());
        // A pid that is alive (this JVM) but started at another time: not ours, so shown as stopped.
        Files.writeString(pid, ProcessHandle.current().pid() + "\n1\n");
        assertThat(launcher().status()).hasSize(8).anySatisfy(line -> assertThat(line)
                .contains("customer-service-2").contains(":8092").contains("stopped"));
        Files.delete(pid);
        assertThat(launcher().status()).hasSize(7).noneSatisfy(line -> assertThat(line).contains("customer-service-2"));
    }

    @Test
    void missingJarIsOneLineThatSaysHowToBuild() {
        assertThatThrownBy(() -> launcher().up())
                .isInstanceOf(LauncherException.class)
                .hasMessageContaining("config-server.jar is missing")
                .hasMessageContaining("./mvnw -DskipTests package")
                .hasMessageNotContaining("\n");
    }

    @Test
    void takenPortStopsEverythingBeforeAnythingStarts() throws IOException {
        fakeJars();
        try (ServerSocket holder = new ServerSocket()) {
            holder.setReuseAddress(true);
            boolean held = tryBind(holder, 8761);
            assertThat(held || !SuiteLauncher.portFree(8761)).as("8761 is taken by this test or by something else").isTrue();

            // Normally names 8761; names another port first if a running suite holds that one too.
            assertThatThrownBy(() -> launcher().up())
                    .isInstanceOf(LauncherException.class)
                    .hasMessageMatching("port \\d+ for [a-z-]+ is already in use; stop what holds it and try again");
        }
        assertThat(root.resolve("var/pids")).doesNotExist();
        assertThat(root.resolve("var/logs")).doesNotExist();
    }

    @Test
    void statusOfANeverStartedSuiteShowsEverythingStopped() {
        List<String> status = launcher().status();
        assertThat(status).hasSize(7);
        assertThat(status.subList(0, 6)).allSatisfy(line -> assertThat(line).contains("stopped"));
        assertThat(status.get(6)).startsWith("  broker ").contains("none answers on 127.0.0.1:" + brokerPort)
                .contains("./suite up starts the embedded Qpid Broker-J there");
    }

    @Test
    void aPortThatAnswersIsTheExternalBrokerAndASilentOneGetsTheEmbeddedBroker() throws IOException {
        int port;
        try (ServerSocket rabbit = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = rabbit.getLocalPort();
            Broker answering = Broker.decide("127.0.0.1", port, Duration.ofMillis(500));
            assertThat(answering.kind()).isEqualTo(Broker.Kind.EXTERNAL);
            assertThat(answering.describe()).isEqualTo("RabbitMQ at 127.0.0.1:" + port + " (external)");
            // Accepts connections but is no AMQP broker: not ready.
            assertThat(Broker.speaksAmqp("127.0.0.1", port, Duration.ofMillis(300))).isFalse();
        }
        Broker silent = Broker.decide("localhost", port, Duration.ofMillis(500));
        assertThat(silent.kind()).isEqualTo(Broker.Kind.EMBEDDED);
        assertThat(silent.describe()).isEqualTo("embedded Qpid Broker-J at 127.0.0.1:" + port);
        assertThat(silent.spec().instanceName()).isEqualTo("embedded-broker");
        SuiteLayout layout = new SuiteLayout(root, root.resolve("var"));
        assertThat(layout.jar(silent.spec())).isEqualTo(root.resolve("embedded-broker/target/embedded-broker.jar"));
        assertThat(layout.pidFile(silent.spec())).hasFileName("embedded-broker.pid");
        assertThat(layout.log(silent.spec())).hasFileName("embedded-broker.log");
    }

    @Test
    void theGatewayIsToldItsPublicUrlTheTopologysGatewayUrl() throws IOException {
        SuiteLayout layout = new SuiteLayout(root, root.resolve("var"));
        RunSecrets.of(layout).renew();
        assertThat(layout.environment()).containsEntry("GATEWAY_PUBLIC_URL", "http://localhost:" + Topology.get("zuul-gateway").port());
    }

    /**
     * With the embedded broker each process gets its own logins, this run's random passwords: customer-service
     * its events login, catalogs its own and customer-service's user name, the others the bus's, the broker
     * all; none another's password. With RabbitMQ of this machine every purpose keeps guest.
     */
    @Test
    void withTheEmbeddedBrokerEveryProcessGetsItsOwnLogins() throws IOException {
        SuiteLayout layout = new SuiteLayout(root, root.resolve("var"));
        new Broker(Broker.Kind.EMBEDDED, "127.0.0.1", brokerPort).write(layout.brokerChoice());
        RunSecrets.of(layout).renew();
        RunSecrets secrets = RunSecrets.of(layout);
        String customer = secrets.get("EMBEDDED_BROKER_CUSTOMER_PASSWORD");
        String catalogs = secrets.get("EMBEDDED_BROKER_CATALOGS_PASSWORD");
        String bus = secrets.get("EMBEDDED_BROKER_BUS_PASSWORD");
        assertThat(List.of(customer, catalogs, bus)).allSatisfy(p -> assertThat(p).startsWith("run-").hasSizeGreaterThan(40))
                .doesNotHaveDuplicates();

        assertThat(layout.brokerLogins("customer-service")).containsOnly(Map.entry("RABBITMQ_USERNAME", "customer-events"),
                Map.entry("RABBITMQ_PASSWORD", customer), Map.entry("RABBITMQ_BUS_USERNAME", "suite-bus"),
                Map.entry("RABBITMQ_BUS_PASSWORD", bus));
        assertThat(layout.brokerLogins("catalogs-service")).containsOnly(Map.entry("RABBITMQ_USERNAME", "catalogs-events"),
                Map.entry("RABBITMQ_PASSWORD", catalogs), Map.entry("RABBITMQ_BUS_USERNAME", "suite-bus"),
                Map.entry("RABBITMQ_BUS_PASSWORD", bus), Map.entry("CUSTOMER_EVENTS_PUBLISHER", "customer-events"));
        assertThat(layout.brokerLogins("zuul-gateway")).containsOnly(Map.entry("RABBITMQ_USERNAME", "suite-bus"),
                Map.entry("RABBITMQ_PASSWORD", bus), Map.entry("RABBITMQ_BUS_USERNAME", "suite-bus"),
                Map.entry("RABBITMQ_BUS_PASSWORD", bus));
        assertThat(layout.brokerLogins(Broker.MODULE)).containsEntry("RABBITMQ_CUSTOMER_USERNAME", "customer-events")
                .containsEntry("RABBITMQ_CUSTOMER_PASSWORD", customer).containsEntry("RABBITMQ_CATALOGS_PASSWORD", catalogs)
                .containsEntry("RABBITMQ_BUS_PASSWORD", bus);
        assertThat(layout.environment().values()).as("no broker password for everyone").doesNotContain(customer, catalogs, bus);

        new Broker(Broker.Kind.EXTERNAL, "127.0.0.1", brokerPort).write(layout.brokerChoice());
        assertThat(layout.brokerLogins("customer-service")).as("RabbitMQ of this machine: guest for every purpose").isEmpty();
    }

    @Test
    void theServicesGetTheRecordedBrokerAndStatusShowsIt() throws IOException {
        SuiteLayout layout = new SuiteLayout(root, root.resolve("var"));
        new Broker(Broker.Kind.EMBEDDED, "127.0.0.1", brokerPort).write(layout.brokerChoice());
        RunSecrets.of(layout).renew();

        assertThat(layout.environment()).containsEntry("RABBITMQ_HOST", "127.0.0.1")
                .containsEntry("JWT_HMAC_SECRET", RunSecrets.of(layout).get("JWT_HMAC_SECRET"))
                .containsEntry("RABBITMQ_PORT", Integer.toString(brokerPort))
                .containsEntry("RABBITMQ_USERNAME", DevelopmentTokens.brokerUsername())
                .containsEntry("RABBITMQ_PASSWORD", DevelopmentTokens.brokerPassword());
        assertThat(launcher().status().get(6)).contains("embedded Qpid Broker-J at 127.0.0.1:" + brokerPort + ": stopped")
                .contains("pid -");
        assertThat(launcher().isBrokerRunning()).isFalse();

        try (ServerSocket rabbit = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            new Broker(Broker.Kind.EXTERNAL, "127.0.0.1", rabbit.getLocalPort()).write(layout.brokerChoice());
            assertThat(launcher().status().get(6)).startsWith("  broker ")
                    .endsWith("RabbitMQ at 127.0.0.1:" + rabbit.getLocalPort() + " (external): up");
            assertThat(layout.environment()).containsEntry("RABBITMQ_PORT", Integer.toString(rabbit.getLocalPort()));
        }
    }

    @Test
    void anExternalBrokerIsNeverStoppedOrStartedByTheLauncher() throws IOException {
        SuiteLayout layout = new SuiteLayout(root, root.resolve("var"));
        new Broker(Broker.Kind.EXTERNAL, "127.0.0.1", brokerPort).write(layout.brokerChoice());

        assertThatThrownBy(() -> launcher().stopEmbeddedBroker()).isInstanceOf(LauncherException.class)
                .hasMessage("the suite uses RabbitMQ at 127.0.0.1:" + brokerPort
                        + " (external); the launcher stops and starts only the embedded broker it started");
        assertThatThrownBy(() -> launcher().startEmbeddedBroker()).isInstanceOf(LauncherException.class)
                .hasMessageContaining("(external)");
        assertThat(root.resolve("var/pids")).doesNotExist();
    }

    @Test
    void aDownWithNothingRunningLeavesNothingAndSaysNothingOfTheBroker() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new SuiteLauncher(new SuiteLayout(root, root.resolve("var")), new PrintStream(printed), Duration.ofSeconds(5),
                List.of(), SuiteLauncher.Jit.C1, Broker.lookAt("127.0.0.1", brokerPort)).down();
        assertThat(printed.toString()).isEmpty();
    }

    @Test
    void unknownServiceNamesAreRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> launcher().stop("billing"))
                .hasMessageContaining("unknown service 'billing'")
                .hasMessageContaining("customer-service");
    }

    /** A port nothing listens on: the tests never see the machine's RabbitMQ. */
    private final int brokerPort = freePort();

    private SuiteLauncher launcher() {
        return new SuiteLauncher(new SuiteLayout(root, root.resolve("var")), new PrintStream(new ByteArrayOutputStream()),
                Duration.ofSeconds(5), List.of(), SuiteLauncher.Jit.C1, Broker.lookAt("127.0.0.1", brokerPort));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void fakeJars() throws IOException {
        for (ServiceSpec service : Topology.SERVICES) {
            Path jar = new SuiteLayout(root, root.resolve("var")).jar(service);
            Files.createDirectories(jar.getParent());
            Files.write(jar, new byte[0]);
        }
    }

    private static boolean tryBind(ServerSocket socket, int port) {
        try {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
