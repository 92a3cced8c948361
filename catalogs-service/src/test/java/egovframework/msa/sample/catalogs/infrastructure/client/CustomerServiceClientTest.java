package egovframework.msa.sample.catalogs.infrastructure.client;

import com.netflix.config.ConfigurationManager;
import com.netflix.hystrix.contrib.javanica.aop.aspectj.HystrixCommandAspect;
import com.sun.net.httpserver.HttpServer;
import egovframework.msa.sample.catalogs.domain.CustomerDirectory;
import egovframework.msa.sample.catalogs.domain.CustomerId;
import egovframework.msa.sample.catalogs.domain.CustomerInfo;
import egovframework.msa.sample.catalogs.domain.CustomerLookup;
import egovframework.msa.sample.catalogs.domain.LastKnownCustomers;
import egovframework.msa.sample.catalogs.domain.UnknownCustomerException;
import egovframework.msa.sample.catalogs.infrastructure.config.CustomerClientProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.EnableAspectJAutoProxy;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.RestTemplate;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Hystrix command around the customer-service call, against a real HTTP server on loopback that
 * answers the way customer-service can: found, not found, failing, hanging.
 */
@SpringBootTest(classes = CustomerServiceClientTest.Wiring.class)
class CustomerServiceClientTest {

    private static final String KNOWN = "4321";
    private static final Instant KNOWN_AS_OF = Instant.parse("2026-01-02T03:04:05Z");
    private static HttpServer server;

    @Autowired
    @Qualifier("customerServiceClient")
    CustomerDirectory client;
    @Autowired
    @Qualifier("unreachableClient")
    CustomerDirectory unreachable;

    @BeforeAll
    static void startStubCustomerService() throws IOException {
        // A short command timeout so the "hanging" case is quick; the suite's value is in config-repo/catalogs.yml.
        ConfigurationManager.getConfigInstance()
                .setProperty("hystrix.command.customerInfo.execution.isolation.thread.timeoutInMilliseconds", 800);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/customers/1234", exchange -> reply(exchange, 200,
                "{\"id\":1234,\"name\":\"홍길동\",\"email\":\"gildong.hong@example.go.kr\",\"phone\":\"010-1234-5678\"}"));
        server.createContext("/customers/404", exchange -> reply(exchange, 404, "{\"status\":404}"));
        server.createContext("/customers/500", exchange -> reply(exchange, 500, "{\"status\":500}"));
        server.createContext("/customers/777", exchange -> {
            sleep(3_000);
            reply(exchange, 200, "{\"name\":\"late\"}");
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterAll
    static void stopStub() {
        server.stop(0);
    }

    @Test
    void foundCustomerCarriesItsDetails() {
        CustomerLookup lookup = client.lookup(CustomerId.parse("1234"));

        assertThat(lookup.isFallback()).isFalse();
        assertThat(lookup.describe(Instant.now())).isEqualTo("name=홍길동, email=gildong.hong@example.go.kr, phone=010-1234-5678");
    }

    @Test
    void notFoundIsAnAnswerNotAFallback() {
        assertThatThrownBy(() -> client.lookup(CustomerId.parse("404"))).isInstanceOf(UnknownCustomerException.class);
    }

    @Test
    void serverErrorFallsBack() {
        assertThat(client.lookup(CustomerId.parse("500")).isFallback()).isTrue();
    }

    @Test
    void slowAnswerFallsBackWhenTheCommandTimesOut() {
        long begin = System.nanoTime();
        CustomerLookup lookup = client.lookup(CustomerId.parse("777"));
        Duration took = Duration.ofNanos(System.nanoTime() - begin);

        assertThat(lookup.isFallback()).isTrue();
        assertThat(took).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void unreachableServiceFallsBack() {
        assertThat(unreachable.lookup(CustomerId.parse("1234")).isFallback()).isTrue();
    }

    @Test
    void unreachableServiceAnswersFromTheReadModelWhenItKnowsTheCustomer() {
        CustomerLookup lookup = unreachable.lookup(CustomerId.parse(KNOWN));

        assertThat(lookup.isLastKnown()).isTrue();
        assertThat(lookup.customer().map(CustomerInfo::name)).contains("이순신");
        assertThat(lookup.asOf()).contains(KNOWN_AS_OF);
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAspectJAutoProxy(proxyTargetClass = true)
    @Import(CustomerServiceFallback.class)
    static class Wiring {

        /** The read model, knowing one customer. */
        @Bean
        LastKnownCustomers lastKnownCustomers() {
            return id -> id.equals(CustomerId.parse(KNOWN))
                    ? Optional.of(CustomerLookup.lastKnown(new CustomerInfo("이순신", null, null), KNOWN_AS_OF))
                    : Optional.empty();
        }

        @Bean
        HystrixCommandAspect hystrixCommandAspect() {
            return new HystrixCommandAspect();
        }

        @Bean
        CustomerServiceClient customerServiceClient(RestTemplate customerRestTemplate, CustomerServiceFallback fallback,
                                                    CustomerClientProperties properties) {
            return new CustomerServiceClient(customerRestTemplate, fallback, properties);
        }

        /** The same client aimed at a port nobody listens on. */
        @Bean
        CustomerServiceClient unreachableClient(RestTemplate customerRestTemplate, CustomerServiceFallback fallback)
                throws IOException {
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            return new CustomerServiceClient(customerRestTemplate, fallback,
                    new CustomerClientProperties("http://127.0.0.1:" + closedPort, Duration.ofMillis(250), Duration.ofMillis(2_000),
                            8, Duration.ofSeconds(30)));
        }

        @Bean
        CustomerClientProperties customerClientProperties() {
            return new CustomerClientProperties("http://127.0.0.1:" + server.getAddress().getPort(),
                    Duration.ofMillis(250), Duration.ofMillis(2_000), 8, Duration.ofSeconds(30));
        }

        @Bean
        RestTemplate customerRestTemplate(CustomerClientProperties properties) {
            return new RestTemplateBuilder().setConnectTimeout(properties.getConnectTimeout())
                    .setReadTimeout(properties.getReadTimeout()).build();
        }
    }
}
