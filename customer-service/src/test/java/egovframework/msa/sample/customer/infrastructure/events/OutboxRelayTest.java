package egovframework.msa.sample.customer.infrastructure.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import egovframework.msa.sample.customer.application.CustomerService;
import egovframework.msa.sample.customer.domain.CustomerFixtures;
import egovframework.msa.sample.customer.domain.CustomerId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.mock.mockito.SpyBean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static egovframework.msa.sample.customer.domain.CustomerFixtures.details;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.reset;

/**
 * The relay against the real RabbitMQ on 127.0.0.1:5672: what a consumer of customer.events receives. The
 * tests drive the relay's polls themselves (its own schedule waits an hour after the first): stubbing the
 * spied outbox while the relay's thread calls it would be a race in Mockito.
 */
@SpringBootTest(properties = {EventsTest.NAME, EventsTest.CONFIG_NAMES, EventsTest.CONFIG_REPO, EventsTest.DATABASE,
        EventsTest.SECRET, "spring.rabbitmq.host=" + Broker.HOST, "spring.rabbitmq.port=" + Broker.PORT,
        "suite.events.relay.fixed-delay=1h"})
@DirtiesContext // stops this context's relay when the class is done
class OutboxRelayTest {

    private static final Duration DELIVERY = Duration.ofSeconds(20);

    @Autowired
    CustomerService service;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @SpyBean
    OutboxStore outbox;
    @Autowired
    OutboxRelay relay;

    private Broker.TestQueue queue;

    @BeforeAll
    static void requireBroker() {
        Broker.assumeRunning();
    }

    @BeforeEach
    void bindQueue() {
        queue = new Broker.TestQueue();
    }

    @AfterEach
    void closeQueue() {
        queue.close();
        reset(outbox);
    }

    @Test
    void registerChangeDeleteArriveInOrderWithTheContractsPropertiesAndAreMarkedSent() throws Exception {
        CustomerId id = service.register(details("홍길동")).id();
        service.change(id, details("성춘향"));
        service.delete(id);
        relay.poll();

        List<String> eventIds = eventIds(id);
        assertThat(eventIds).hasSize(3);
        List<Message> messages = queue.await(new HashSet<>(eventIds), 3, DELIVERY);

        assertThat(messages).extracting(m -> m.getMessageProperties().getReceivedRoutingKey())
                .containsExactly("customer.registered", "customer.changed", "customer.deleted");
        assertThat(messages).extracting(m -> m.getMessageProperties().getMessageId()).containsExactlyElementsOf(eventIds);
        for (int i = 0; i < messages.size(); i++) {
            MessageProperties properties = messages.get(i).getMessageProperties();
            assertThat(properties.getReceivedExchange()).isEqualTo("customer.events");
            assertThat(properties.getContentType()).isEqualTo("application/json");
            assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
            // The relay's own login, which RabbitMQ checked: what catalogs applies events by.
            assertThat(properties.getReceivedUserId()).isEqualTo("guest");
            assertThat((Object) properties.getHeader("customer-id")).isEqualTo(id.value());
            assertThat((Object) properties.getHeader("sequence")).isEqualTo((long) i);

            JsonNode body = json.readTree(new String(messages.get(i).getBody(), StandardCharsets.UTF_8));
            assertThat(body.get("eventId").asText()).isEqualTo(eventIds.get(i));
            assertThat(body.get("customerId").asLong()).isEqualTo(id.value());
            assertThat(body.get("sequence").asLong()).isEqualTo(i);
            assertThat(Instant.parse(body.get("occurredAt").asText())).isBeforeOrEqualTo(Instant.now());
        }
        JsonNode changed = json.readTree(messages.get(1).getBody());
        assertThat(changed.get("type").asText()).isEqualTo("changed");
        assertThat(changed.get("customer").get("id").asLong()).isEqualTo(id.value());
        assertThat(changed.get("customer").get("name").asText()).isEqualTo("성춘향");
        assertThat(changed.get("customer").get("email").asText()).isEqualTo(CustomerFixtures.emailOf("성춘향"));
        assertThat(changed.get("customer").get("phone").asText()).isEqualTo("010-1234-5678");
        assertThat(changed.get("customer").get("address").get("zipCode").asText()).isEqualTo("30103");
        JsonNode deleted = json.readTree(messages.get(2).getBody());
        assertThat(deleted.get("type").asText()).isEqualTo("deleted");
        assertThat(deleted.has("customer")).isTrue();
        assertThat(deleted.get("customer").isNull()).as("no state after a deletion").isTrue();

        awaitAllSent(id);
    }

    @Test
    void anEventConfirmedButNotMarkedSentIsPublishedAgainWithTheSameIdAndSequence() throws Exception {
        // The relay "dies" between the broker's confirm and marking the row sent, once.
        doThrow(new DataAccessResourceFailureException("simulated crash before marking"))
                .doCallRealMethod().when(outbox).markSent(anyList(), any());

        CustomerId id = service.register(details("Kim Minsu")).id();
        Set<String> eventIds = new HashSet<>(eventIds(id));
        relay.poll();  // publishes, the broker confirms, marking fails
        assertThat(unsent(id)).as("not marked after the simulated crash").isEqualTo(1);
        relay.poll();  // publishes the same row again and marks it

        List<Message> messages = queue.await(eventIds, 2, DELIVERY);
        awaitAllSent(id);
        messages.addAll(queue.drain(eventIds, Duration.ofMillis(500)));

        assertThat(messages).hasSize(2);
        assertThat(messages).extracting(m -> m.getMessageProperties().getMessageId()).containsOnly(eventIds.iterator().next());
        assertThat(messages).extracting(m -> (Object) m.getMessageProperties().getHeader("sequence")).containsOnly(0L);
        assertThat(json.readTree(messages.get(0).getBody())).isEqualTo(json.readTree(messages.get(1).getBody()));
    }

    private List<String> eventIds(CustomerId id) {
        return jdbc.queryForList("SELECT event_id FROM outbox WHERE customer_id = ? ORDER BY id", String.class, id.value());
    }

    private void awaitAllSent(CustomerId id) throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY.toNanos();
        while (unsent(id) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(unsent(id)).as("rows of customer " + id + " not yet marked sent").isZero();
    }

    private long unsent(CustomerId id) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE customer_id = ? AND sent_at IS NULL", Long.class, id.value());
    }
}
