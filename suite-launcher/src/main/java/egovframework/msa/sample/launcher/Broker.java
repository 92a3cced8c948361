package egovframework.msa.sample.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The AMQP broker the services publish and consume customer events on (docs/customer-events.md), as
 * {@code ./suite up} chose it: RabbitMQ when something answers on RABBITMQ_HOST:RABBITMQ_PORT (127.0.0.1:5672
 * unless set), otherwise the embedded broker (module embedded-broker, Apache Qpid Broker-J), started by the
 * launcher on that port as one more process with its own log and pid file. The choice is written to the run
 * directory, so {@code ./suite status} and a service started later next to the running suite use the same one.
 */
public final class Broker {

    /** How long the look for a running RabbitMQ waits for a connection. */
    static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
    /** The embedded broker's module, jar, log and pid file: one more process like a service. */
    static final String MODULE = "embedded-broker";
    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 5672;

    public enum Kind { EXTERNAL, EMBEDDED }

    private final Kind kind;
    private final String host;
    private final int port;

    Broker(Kind kind, String host, int port) {
        this.kind = kind;
        this.host = host;
        this.port = port;
    }

    /** Where {@code up} looks for a broker (and starts the embedded one on the port if it finds none). */
    public static Broker lookAt(String host, int port) {
        return new Broker(Kind.EXTERNAL, host, port);
    }

    /** Where the broker is looked for: RABBITMQ_HOST and RABBITMQ_PORT, or 127.0.0.1:5672. */
    public static Broker wanted() {
        String host = env("RABBITMQ_HOST", DEFAULT_HOST);
        String port = env("RABBITMQ_PORT", Integer.toString(DEFAULT_PORT));
        try {
            return new Broker(Kind.EXTERNAL, host, Integer.parseInt(port.trim()));
        } catch (NumberFormatException e) {
            throw new LauncherException("RABBITMQ_PORT must be a port number, not '" + port + "'");
        }
    }

    /**
     * The decision of {@code ./suite up}: the broker at host:port if it accepts a connection; if not, and the
     * address is this machine's, the embedded broker on that port. A broker set elsewhere (RABBITMQ_HOST) that
     * does not answer stays the choice: the services wait for it (customer-service keeps events in its outbox).
     */
    static Broker decide(String host, int port, Duration timeout) {
        if (accepts(host, port, timeout) || !isLoopback(host)) {
            return new Broker(Kind.EXTERNAL, host, port);
        }
        return new Broker(Kind.EMBEDDED, DEFAULT_HOST, port);
    }

    public Kind kind() {
        return kind;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** "RabbitMQ at 127.0.0.1:5672 (external)" or "embedded Qpid Broker-J at 127.0.0.1:5672". */
    public String describe() {
        return kind == Kind.EXTERNAL ? "RabbitMQ at " + host + ":" + port + " (external)"
                : "embedded Qpid Broker-J at " + host + ":" + port;
    }

    /** The embedded broker as a launcher-managed process (the port is the AMQP port; it has no management port). */
    ServiceSpec spec() {
        return new ServiceSpec(MODULE, port, 0, List.of());
    }

    /** True once the port accepts a connection. */
    static boolean accepts(String host, int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * True once an AMQP 0-9-1 broker answers on the port: the protocol header is answered with a method frame
     * (connection.start), which a broker sends only once it is ready to take connections.
     */
    static boolean speaksAmqp(String host, int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1});
            out.flush();
            InputStream in = socket.getInputStream();
            return in.read() == 1; // frame type 1: a method frame
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, kind.name().toLowerCase(Locale.ROOT) + " " + host + " " + port + "\n");
    }

    /** The choice recorded by the last {@code ./suite up} of a run directory. */
    static Optional<Broker> read(Path file) {
        try {
            String[] parts = Files.readString(file).trim().split("\\s+");
            return Optional.of(new Broker(Kind.valueOf(parts[0].toUpperCase(Locale.ROOT)), parts[1], Integer.parseInt(parts[2])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public String toString() {
        return describe();
    }
}
