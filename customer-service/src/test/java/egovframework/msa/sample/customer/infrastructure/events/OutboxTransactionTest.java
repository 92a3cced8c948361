package egovframework.msa.sample.customer.infrastructure.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import egovframework.msa.sample.customer.application.CustomerService;
import egovframework.msa.sample.customer.domain.CustomerEvent;
import egovframework.msa.sample.customer.domain.CustomerDetails;
import egovframework.msa.sample.customer.domain.CustomerFixtures;
import egovframework.msa.sample.customer.domain.CustomerId;
import egovframework.msa.sample.customer.domain.EmailAlreadyUsedException;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbox row is part of the transaction that changes the customer (H2, relay off, no broker needed). */
@SpringBootTest(properties = {EventsTest.NAME, EventsTest.CONFIG_NAMES, EventsTest.CONFIG_REPO, EventsTest.DATABASE, EventsTest.SECRET,
        "suite.events.relay.enabled=false"})
class OutboxTransactionTest {

    /** This context's database keeps what each test commits: each test's e-mail addresses are its own. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    CustomerService service;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    ObjectMapper json;
    @Autowired
    MeterRegistry meters;
    @Autowired
    HealthEndpoint health;

    @Test
    void aCommittedRegistrationWritesTheCustomerAndItsEventWithTheContractsBody() throws Exception {
        long id = service.register(customer("홍길동")).id().value();

        assertThat(customerRows(id)).isEqualTo(1);
        List<String> payloads = jdbc.queryForList("SELECT payload FROM outbox WHERE customer_id = ? ORDER BY id", String.class, id);
        assertThat(payloads).hasSize(1);
        JsonNode body = json.readTree(payloads.get(0));
        assertThat(body.fieldNames()).toIterable()
                .containsExactly("eventId", "type", "customerId", "sequence", "occurredAt", "customer");
        assertThat(body.get("type").asText()).isEqualTo("registered");
        assertThat(body.get("customerId").asLong()).isEqualTo(id);
        assertThat(body.get("sequence").asLong()).isZero();
        assertThat(Instant.parse(body.get("occurredAt").asText())).isNotNull();
        assertThat(body.get("customer").fieldNames()).toIterable().containsExactly("id", "name", "email", "phone", "address");
        assertThat(body.get("customer").get("name").asText()).isEqualTo("홍길동");
        assertThat(body.get("customer").get("address").get("zipCode").asText()).isEqualTo("30103");
        assertThat(body.get("customer").get("address").get("street").asText()).isEqualTo("세종특별자치시 도움6로 11");
    }

    @Test
    void aFailingTransactionLeavesNeitherTheCustomerNorTheOutboxRow() {
        long outboxBefore = outboxRows();
        long[] id = new long[1];

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            id[0] = service.register(customer("성춘향")).id().value();
            throw new IllegalStateException("the transaction fails after the registration");
        })).hasMessageContaining("fails after");

        assertThat(id[0]).as("the registration ran").isPositive();
        assertThat(customerRows(id[0])).isZero();
        assertThat(outboxRows()).isEqualTo(outboxBefore);
    }

    @Test
    void sequencesFollowTheStoredVersionAndAreStrictlyIncreasing() {
        CustomerId id = service.register(customer("홍길동")).id();
        service.change(id, customer("성춘향"));
        service.change(id, customer("성춘향")); // no change, no event
        service.change(id, customer("Kim Minsu"));
        Long version = jdbc.queryForObject("SELECT version FROM customer WHERE id = ?", Long.class, id.value());
        service.delete(id);

        List<Long> sequences = jdbc.queryForList("SELECT sequence_no FROM outbox WHERE customer_id = ? ORDER BY id",
                Long.class, id.value());
        List<String> types = jdbc.queryForList("SELECT event_type FROM outbox WHERE customer_id = ? ORDER BY id",
                String.class, id.value());
        assertThat(types).containsExactly("registered", "changed", "changed", "deleted");
        assertThat(sequences).containsExactly(0L, 1L, 2L, 3L);
        assertThat(version).as("the last change's sequence is the row's version").isEqualTo(2L);
    }

    @Test
    void anEmailAnotherCustomerUsesWritesNeitherCustomerNorEvent() {
        CustomerId first = service.register(customer("홍길동")).id();
        CustomerId second = service.register(customer("성춘향")).id();
        long customersBefore = jdbc.queryForObject("SELECT COUNT(*) FROM customer", Long.class);
        long outboxBefore = outboxRows();

        assertThatThrownBy(() -> service.register(CustomerFixtures.details("이몽룡", customer("홍길동").email().value())))
                .isInstanceOf(EmailAlreadyUsedException.class);
        assertThatThrownBy(() -> service.change(second, CustomerFixtures.details("성춘향", customer("홍길동").email().value())))
                .isInstanceOf(EmailAlreadyUsedException.class);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer", Long.class)).isEqualTo(customersBefore);
        assertThat(outboxRows()).isEqualTo(outboxBefore);
        assertThat(service.get(second).details()).isEqualTo(customer("성춘향"));
        assertThat(service.get(first).details()).isEqualTo(customer("홍길동"));
    }

    @Test
    void anEventOutsideATransactionIsRefusedAndNotWritten() {
        long before = outboxRows();

        assertThatThrownBy(() -> events.publishEvent(new CustomerEvent.Deleted(CustomerId.of(99), Instant.now(), 1)))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThat(outboxRows()).isEqualTo(before);
    }

    @Test
    void operationsSeeTheBacklogWhichNeverMakesTheServiceDown() {
        service.register(customer("홍길동")); // the relay is off here: it stays pending

        long pending = jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL", Long.class);
        assertThat(pending).isPositive();
        assertThat(meters.get("customer.outbox.pending").gauge().value()).isEqualTo(pending);
        HealthComponent outbox = health.healthForPath("outbox");
        assertThat(outbox.getStatus()).isEqualTo(Status.UP);
        assertThat(((Health) outbox).getDetails()).containsEntry("pending", pending).containsEntry("broker", "relay disabled");
        assertThat(health.healthForPath("rabbit")).as("RabbitMQ's own indicator is off (config-repo/application.yml)").isNull();
    }

    private long customerRows(long id) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM customer WHERE id = ?", Long.class, id);
    }

    private long outboxRows() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM outbox", Long.class);
    }

    private CustomerDetails customer(String name) {
        return CustomerFixtures.details(name, run + "-" + CustomerFixtures.emailOf(name));
    }
}
