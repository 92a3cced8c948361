package egovframework.msa.sample.customer.logging;

import egovframework.msa.sample.customer.application.CustomerService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.mock.mockito.MockBean;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/** customer-service without a profile, as ./suite up runs it: Spring Boot's plain lines, secrets masked too. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {LoggedRequests.NAME,
        LoggedRequests.CONFIG_NAMES, LoggedRequests.CONFIG_REPO, LoggedRequests.DATABASE, LoggedRequests.TOKEN_KEY,
        LoggedRequests.NO_MANAGEMENT_PORT, LoggedRequests.NO_BROKER, LoggedRequests.REQUEST_DETAILS,
        LoggedRequests.HEADERS_LOGGED, "logs.test=plain"})
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class PlainLogsTest {

    @Autowired
    TestRestTemplate rest;
    @MockBean
    CustomerService service;

    @Test
    void linesArePlainTextWithTheSecretsMasked(CapturedOutput output) {
        LoggedRequests requests = new LoggedRequests();
        requests.send(rest, service);

        String failure = output.getOut().lines().filter(line -> line.contains("Unhandled error on /customers/1234"))
                .findFirst().orElseThrow();
        // Spring Boot's console pattern: date, level, pid, thread, logger, message; not JSON.
        assertThat(failure).doesNotStartWith("{").matches("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} ERROR .*");
        assertThat(output.getOut())
                .contains("java.lang.IllegalStateException: lookup refused token **** at http://customer:****@eureka-server:8761/eureka/")
                .contains("id_token=****").contains("authorization:****");
        assertThat(output.getOut().lines()).noneMatch(line -> line.startsWith("{\""));
        // The access log names the client's address and the token's subject, "-" for a refused login.
        assertThat(output.getOut()).containsPattern("GET /customers/1234 500 \\d+ ms client=127\\.0\\.0\\.1 subject=header\\R")
                .containsPattern("GET /customers 401 \\d+ ms client=127\\.0\\.0\\.1 subject=-\\R");
        assertThat(requests.secrets()).allSatisfy(secret -> assertThat(output.getAll()).doesNotContain(secret));
    }
}
