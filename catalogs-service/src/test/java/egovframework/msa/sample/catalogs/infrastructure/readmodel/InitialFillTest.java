package egovframework.msa.sample.catalogs.infrastructure.readmodel;

import com.sun.net.httpserver.HttpServer;
import egovframework.msa.sample.catalogs.domain.CustomerId;
import egovframework.msa.sample.catalogs.domain.CustomerInfo;
import egovframework.msa.sample.catalogs.domain.CustomerLookup;
import egovframework.msa.sample.catalogs.infrastructure.config.CustomerClientProperties;
import egovframework.msa.sample.catalogs.infrastructure.config.ReadModelProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.RestTemplate;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static egovframework.msa.sample.catalogs.infrastructure.readmodel.JdbcCustomerSnapshotsTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The initial fill against a loopback server that answers GET /customers the way customer-service does. */
@JdbcTest
@Import({JdbcCustomerSnapshots.class, JdbcCustomerSnapshotsTest.FixedClock.class})
class InitialFillTest {

    @Autowired
    JdbcCustomerSnapshots snapshots;

    private HttpServer server;
    private final List<String> requested = new CopyOnWriteArrayList<>();
    /** What the stub answers for a query (page=..&size=..); two pages of customers unless a test says otherwise. */
    private volatile Function<String, String> answers = query -> query.startsWith("page=0&")
            ? page("{\"id\":11,\"name\":\"홍길동\",\"email\":\"a@example.go.kr\",\"phone\":\"010-1111-2222\"},"
            + "{\"id\":12,\"name\":\"이순신\",\"email\":\"b@example.go.kr\",\"phone\":\"010-3333-4444\"}", 0)
            : page("{\"id\":13,\"name\":\"강감찬\",\"email\":\"c@example.go.kr\",\"phone\":\"010-5555-6666\"}", 1);

    @BeforeEach
    void startStubCustomerService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/customers", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            requested.add(query);
            byte[] bytes = answers.apply(query).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
    }

    @Test
    void readsEveryPageAndLeavesWhatAnEventWroteAlone() {
        snapshots.apply(UUID.randomUUID().toString(), 12, 3, new CustomerInfo("이순신(변경)", null, null), NOW.minusSeconds(99));

        int added = fill().fill();

        assertThat(added).isEqualTo(2);
        assertThat(requested).containsExactly("page=0&size=2", "page=1&size=2");
        assertThat(name(11)).isEqualTo("홍길동");
        assertThat(name(12)).isEqualTo("이순신(변경)");
        assertThat(name(13)).isEqualTo("강감찬");
        assertThat(snapshots.find(CustomerId.parse("13")).flatMap(CustomerLookup::asOf)).contains(NOW);
    }

    @Test
    void anOddRowIsSkippedAndTheFillGoesOn() {
        answers = query -> "{\"content\":[null,{},{\"id\":21},{\"name\":\"이름만\"},{\"id\":0,\"name\":\"영\"},"
                + "{\"id\":22,\"name\":\"정약용\"}],\"totalPages\":1}";

        assertThat(fill().fill()).isEqualTo(1);
        assertThat(name(22)).isEqualTo("정약용");
        assertThat(name(21)).isNull();
    }

    @Test
    void anAnswerWithoutContentIsAnError() {
        answers = query -> "{\"page\":0,\"totalPages\":1}";
        assertThatThrownBy(() -> fill().fill()).isInstanceOf(IllegalStateException.class)
                .hasMessage("customer-service answered the list without content");

        answers = query -> "{\"content\":null,\"totalPages\":1}";
        assertThatThrownBy(() -> fill().fill()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEmptyPageEndsTheFillWhateverTotalPagesSays() {
        answers = query -> "{\"content\":[],\"totalPages\":5}";

        assertThat(fill().fill()).isZero();
        assertThat(requested).containsExactly("page=0&size=2");
    }

    @Test
    void withoutTotalPagesTheFirstPageIsTheLast() {
        answers = query -> "{\"content\":[{\"id\":31,\"name\":\"유관순\"}]}";

        assertThat(fill().fill()).isEqualTo(1);
        assertThat(requested).containsExactly("page=0&size=2");
    }

    private InitialFill fill() {
        return new InitialFill(snapshots, new RestTemplate(),
                new CustomerClientProperties("http://127.0.0.1:" + server.getAddress().getPort(), Duration.ofMillis(250),
                        Duration.ofSeconds(2), 4, Duration.ofSeconds(30)),
                new ReadModelProperties("unused", "guest", Duration.ofDays(14), 10_000, Duration.ofDays(7), 2,
                        Duration.ofSeconds(60)),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private String name(long id) {
        return snapshots.find(CustomerId.parse(Long.toString(id))).flatMap(CustomerLookup::customer)
                .map(CustomerInfo::name).orElse(null);
    }

    private static String page(String content, int page) {
        return "{\"content\":[" + content + "],\"page\":" + page + ",\"size\":2,\"totalElements\":3,\"totalPages\":2}";
    }
}
