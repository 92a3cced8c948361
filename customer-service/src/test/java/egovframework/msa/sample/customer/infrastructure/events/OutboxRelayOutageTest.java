package egovframework.msa.sample.customer.infrastructure.events;

import egovframework.msa.sample.customer.application.CustomerService;
import egovframework.msa.sample.customer.domain.CustomerId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static egovframework.msa.sample.customer.domain.CustomerFixtures.details;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broker outage, simulated with a TCP forwarder in front of the shared RabbitMQ: writes go on, the
 * outbox grows, one warning says so, and once the broker is back everything is delivered in outbox order.
 */
@SpringBootTest(properties = {EventsTest.NAME, EventsTest.CONFIG_NAMES, EventsTest.CONFIG_REPO, EventsTest.DATABASE,
        EventsTest.SECRET, "spring.rabbitmq.host=127.0.0.1"})
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class OutboxRelayOutageTest {

    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static final String OUTAGE_WARNING = "Customer events wait in the outbox";
    private static final String BACK = "RabbitMQ reachable again";

    private static TcpForwarder forwarder;

    @Autowired
    CustomerService service;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void requireBroker() {
        Broker.assumeRunning();
    }

    @DynamicPropertySource
    static void throughTheForwarder(DynamicPropertyRegistry registry) throws IOException {
        forwarder = new TcpForwarder(Broker.HOST, Broker.PORT);
        registry.add("spring.rabbitmq.port", forwarder::port);
    }

    @AfterAll
    static void closeForwarder() throws IOException {
        if (forwarder != null) {
            forwarder.close();
        }
    }

    @Test
    void writesSucceedDuringAnOutageAndAreDeliveredInOrderWhenTheBrokerIsBack(CapturedOutput output) throws Exception {
        try (Broker.TestQueue queue = new Broker.TestQueue()) {
            // The relay is connected through the forwarder before the outage.
            CustomerId warmUp = service.register(details("홍길동")).id();
            queue.await(new HashSet<>(eventIds(warmUp)), 1, DELIVERY);

            int outageStart = output.getOut().length();
            forwarder.cut();
            CustomerId a = service.register(details("성춘향")).id();
            CustomerId b = service.register(details("Kim Minsu")).id();
            service.change(a, details("이몽룡"));
            service.change(b, details("Lee Minsu"));
            service.delete(a);
            List<String> written = jdbc.queryForList("SELECT event_id FROM outbox WHERE customer_id IN (?, ?) ORDER BY id",
                    String.class, a.value(), b.value());
            assertThat(written).as("every write succeeded and wrote its event").hasSize(5);

            Thread.sleep(1500); // several polls while the broker is unreachable
            assertThat(pending(written)).as("nothing is marked sent while the broker is down").isEqualTo(5);
            assertThat(occurrences(output, OUTAGE_WARNING)).as("one warning per outage").isEqualTo(1);
            String duringOutage = output.getOut().substring(outageStart);
            assertThat(duringOutage.lines().filter(line -> line.matches(".* (WARN|ERROR|INFO) .*"))
                    .filter(line -> !line.contains("CustomerEventLog")))
                    .as("log lines, other than the writes', in 1.5 s of outage with a poll every 0.2 s")
                    .hasSizeLessThanOrEqualTo(3);

            forwarder.restore();
            List<Message> received = new ArrayList<>(queue.await(new HashSet<>(written), 5, DELIVERY));
            awaitNothingPending(written);
            received.addAll(queue.drain(new HashSet<>(written), Duration.ofMillis(500)));

            assertThat(received).extracting(m -> m.getMessageProperties().getMessageId())
                    .as("all of them, once each, in outbox order").containsExactlyElementsOf(written);
            assertThat(pending(written)).isZero();
            assertThat(occurrences(output, OUTAGE_WARNING)).isEqualTo(1);
            assertThat(occurrences(output, BACK)).isEqualTo(1);
            assertThat(output.getOut()).as("no stack traces from the relay")
                    .doesNotContain("at egovframework.msa.sample.customer.infrastructure.events.OutboxRelay");
        }
    }

    private List<String> eventIds(CustomerId id) {
        return jdbc.queryForList("SELECT event_id FROM outbox WHERE customer_id = ? ORDER BY id", String.class, id.value());
    }

    private long pending(List<String> eventIds) {
        Set<String> unsent = new HashSet<>(jdbc.queryForList("SELECT event_id FROM outbox WHERE sent_at IS NULL", String.class));
        return eventIds.stream().filter(unsent::contains).collect(Collectors.counting());
    }

    private void awaitNothingPending(List<String> eventIds) throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY.toNanos();
        while (pending(eventIds) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static int occurrences(CapturedOutput output, String text) {
        Matcher matcher = Pattern.compile(Pattern.quote(text)).matcher(output.getOut());
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
