package egovframework.msa.sample.customer.infrastructure.events;

import org.junit.jupiter.api.Assumptions;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The real RabbitMQ the tests publish to (127.0.0.1:5672, guest/guest; this machine and CI run one), and
 * a queue of the test's own bound to customer.events. The broker is shared, so a test only looks at the
 * messages whose event ids it wrote itself.
 */
final class Broker {

    static final String HOST = "127.0.0.1";
    static final int PORT = 5672;

    private Broker() {
    }

    static void assumeRunning() {
        boolean up;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 1000);
            up = true;
        } catch (IOException e) {
            up = false;
        }
        Assumptions.assumeTrue(up, "no RabbitMQ at " + HOST + ":" + PORT + " (guest/guest): relay tests against the broker skipped");
    }

    /** An exclusive queue bound to customer.events with customer.*, on a connection of its own. */
    static final class TestQueue implements AutoCloseable {

        private final CachingConnectionFactory connections = new CachingConnectionFactory(HOST, PORT);
        private final RabbitTemplate template = new RabbitTemplate(connections);
        private final String name;

        TestQueue() {
            connections.setUsername("guest");
            connections.setPassword("guest");
            RabbitAdmin admin = new RabbitAdmin(connections);
            TopicExchange exchange = new TopicExchange(CustomerEventsConfiguration.EXCHANGE, true, false);
            admin.declareExchange(exchange);
            // Exclusive, not auto-delete: receive() consumes and cancels, which would delete an auto-delete
            // queue after the first call. Exclusive queues go when the connection closes.
            Queue queue = new Queue("customer-events-test-" + UUID.randomUUID(), false, true, false);
            admin.declareQueue(queue);
            name = queue.getName();
            admin.declareBinding(BindingBuilder.bind(queue).to(exchange).with("customer.*"));
        }

        /** Receives until {@code count} messages with one of the event ids arrived, or fails after {@code timeout}. */
        List<Message> await(Set<String> eventIds, int count, Duration timeout) {
            List<Message> received = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (received.size() < count && System.nanoTime() < deadline) {
                Message message = template.receive(name, 200);
                if (message != null && eventIds.contains(message.getMessageProperties().getMessageId())) {
                    received.add(message);
                }
            }
            if (received.size() < count) {
                throw new AssertionError("received " + received.size() + " of " + count + " messages within " + timeout);
            }
            return received;
        }

        /** Whatever else of these event ids arrives within {@code wait}. */
        List<Message> drain(Set<String> eventIds, Duration wait) {
            List<Message> received = new ArrayList<>();
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                Message message = template.receive(name, 100);
                if (message != null && eventIds.contains(message.getMessageProperties().getMessageId())) {
                    received.add(message);
                }
            }
            return received;
        }

        @Override
        public void close() {
            connections.destroy();
        }
    }
}
