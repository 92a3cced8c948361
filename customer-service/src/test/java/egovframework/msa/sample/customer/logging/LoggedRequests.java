package egovframework.msa.sample.customer.logging;

import egovframework.msa.sample.customer.ConfigRepo;
import egovframework.msa.sample.customer.application.CustomerService;
import egovframework.msa.sample.support.security.TokenProperties;
import egovframework.msa.sample.support.security.Tokens;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

/**
 * Requests that put secrets where a log line can pick them up, for the log layout tests of the whole
 * service: a bearer token in the Authorization header and another in the URL (id_token: an access_token
 * parameter would make Spring Security refuse two bearer tokens), a Basic login, and a failure
 * whose message quotes a token and a URL with a password (the service's ProblemExceptionHandler logs it with
 * its stack trace). The service logs each request that reaches its controllers with its headers
 * (DispatcherServlet at TRACE with spring.mvc.log-request-details), as anyone debugging it might switch on;
 * the Basic login is refused before that, and must not show up anywhere else either.
 */
final class LoggedRequests {

    static final String SECRET = "test-key-of-at-least-thirty-two-bytes-0123456789";
    /** Every setting the tests share; each test class adds one of its own so it starts its own context. */
    static final String NAME = "spring.application.name=customer";
    static final String CONFIG_NAMES = ConfigRepo.NAMES;
    static final String CONFIG_REPO = ConfigRepo.LOCATION;
    static final String DATABASE = "spring.datasource.url=jdbc:h2:mem:logs-${random.uuid};DB_CLOSE_DELAY=-1";
    static final String TOKEN_KEY = "suite.security.jwt.hmac-secret=" + SECRET;
    /** Off the ports of a running suite, and off the shared RabbitMQ (nothing listens on port 1). */
    static final String NO_MANAGEMENT_PORT = "management.server.port=-1";
    static final String NO_BROKER = "spring.rabbitmq.port=1";
    static final String REQUEST_DETAILS = "spring.mvc.log-request-details=true";
    static final String HEADERS_LOGGED = "logging.level.org.springframework.web.servlet.DispatcherServlet=TRACE";

    static final String PASSWORD = "eureka-pw-5d41402abc4b";
    static final String BASIC_LOGIN = Base64.getEncoder()
            .encodeToString(("operator:" + "basic-pw-7815696ecbf1").getBytes(StandardCharsets.UTF_8));
    static final String FAILURE_URL = "http://customer:" + PASSWORD + "@eureka-server:8761/eureka/";

    private static final TokenProperties TOKENS = new TokenProperties(SECRET, null, null, null, null, null);

    final String headerToken = mint("header");
    final String urlToken = mint("url");
    final String failureToken = mint("failure");

    /** Every secret the requests carry: none may reach the output. */
    List<String> secrets() {
        return List.of(headerToken, urlToken, failureToken, PASSWORD, BASIC_LOGIN, "basic-pw-7815696ecbf1");
    }

    void send(TestRestTemplate rest, CustomerService service) {
        when(service.get(any())).thenThrow(new IllegalStateException(
                "lookup refused token " + failureToken + " at " + FAILURE_URL));

        HttpHeaders bearer = new HttpHeaders();
        bearer.setBearerAuth(headerToken);
        assertThat(rest.exchange("/customers/1234?id_token=" + urlToken, HttpMethod.GET,
                new HttpEntity<>(bearer), String.class).getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);

        HttpHeaders basic = new HttpHeaders();
        basic.setBasicAuth(BASIC_LOGIN);
        assertThat(rest.exchange("/customers", HttpMethod.GET, new HttpEntity<>(basic), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private static String mint(String subject) {
        return Tokens.mint(TOKENS, subject, List.of("customers:read"), List.of(), Duration.ofMinutes(5),
                Clock.systemUTC());
    }
}
