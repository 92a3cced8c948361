package egovframework.msa.sample.configserver.security;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.bus.event.EnvironmentChangeRemoteApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The config server takes no settings from the bus (spring.cloud.bus.env.enabled: false in its own
 * application.yml). On the real RabbitMQ (127.0.0.1:5672, guest/guest) and a bus exchange of its own, a
 * stranger publishes two environment changes as Bus 2.2 serialises them: the first would replace the
 * operator's password; once the second has arrived (one consumer, in order), the first has been handled,
 * and nothing changed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0", "config-seed.source-dir=${user.dir}/../config-repo",
        "config-seed.git-dir=${user.dir}/target/bus-env-test/seed", "spring.cloud.config.server.git.basedir=${user.dir}/target/bus-env-test/clone",
        "spring.cloud.bus.enabled=true",
        "spring.cloud.stream.rabbit.bindings.springCloudBusInput.consumer.exchange-durable=false",
        "spring.cloud.stream.rabbit.bindings.springCloudBusInput.consumer.exchange-auto-delete=true",
        "spring.cloud.stream.rabbit.bindings.springCloudBusOutput.producer.exchange-durable=false",
        "spring.cloud.stream.rabbit.bindings.springCloudBusOutput.producer.exchange-auto-delete=true"})
class BusEnvironmentChangeTest {

    private static final String EXCHANGE = "config-server-env-test-" + UUID.randomUUID();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    Environment environment;
    @Autowired
    ReceivedChanges received;

    @DynamicPropertySource
    static void busExchangeOfItsOwn(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.bus.destination", () -> EXCHANGE);
    }

    @BeforeAll
    static void brokerMustAnswer() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5672), 1_000);
        } catch (IOException e) {
            Assumptions.assumeTrue(false, "RabbitMQ does not answer on 127.0.0.1:5672 (" + e.getMessage()
                    + "): the bus test needs a real broker (guest/guest) and is skipped");
        }
    }

    @Test
    void anEnvironmentChangeFromTheBusChangesNothing() throws Exception {
        String operatorPassword = environment.getProperty("suite.access.operator.password");
        CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", 5672);
        connections.setUsername("guest");
        connections.setPassword("guest");
        try {
            RabbitTemplate stranger = new RabbitTemplate(connections);
            stranger.send(EXCHANGE, "#", change(UUID.randomUUID().toString(),
                    "\"suite.access.operator.password\":\"chosen-by-a-stranger\",\"bus.env-check\":\"set over the bus\""));
            String marker = UUID.randomUUID().toString();
            stranger.send(EXCHANGE, "#", change(marker, "\"bus.env-marker\":\"x\""));

            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!received.ids.contains(marker) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(received.ids).as("both changes arrived over the bus").hasSize(2).contains(marker);
            assertThat(environment.getProperty("bus.env-check")).isNull();
            assertThat(environment.getProperty("suite.access.operator.password")).isEqualTo(operatorPassword);
        } finally {
            connections.destroy();
        }
    }

    /** What Bus 2.2's output binding sends: the event as JSON, its type by simple class name. */
    private static Message change(String id, String values) {
        String json = "{\"type\":\"EnvironmentChangeRemoteApplicationEvent\",\"timestamp\":" + System.currentTimeMillis()
                + ",\"originService\":\"stranger:1:x\",\"destinationService\":\"**\",\"id\":\"" + id
                + "\",\"values\":{" + values + "}}";
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        return new Message(json.getBytes(StandardCharsets.UTF_8), properties);
    }

    /** Environment changes received from the bus (Bus publishes each in the context, applied or not). */
    static class ReceivedChanges implements ApplicationListener<EnvironmentChangeRemoteApplicationEvent> {
        final List<String> ids = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(EnvironmentChangeRemoteApplicationEvent event) {
            ids.add(event.getId());
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Listener {
        @Bean
        ReceivedChanges receivedChanges() {
            return new ReceivedChanges();
        }
    }
}
