package egovframework.msa.sample.support.problem;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.mock.http.MockHttpOutputMessage;
import org.springframework.mock.web.MockHttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProblemsTest {

    /** The converter Spring MVC writes controllers' problems with, as Spring Boot sets it up. */
    private final ApplicationContextRunner mvc = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class));

    @Test
    void buildsAProblemJsonResponse() {
        ResponseEntity<ProblemBody> response = Problems.of(HttpStatus.BAD_REQUEST, "bad id", "/customers/abc",
                List.of(new FieldProblem("id", "must be a positive number")));

        assertThat(response.getStatusCodeValue()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(Problems.PROBLEM_JSON);
        assertThat(response.getBody().getTitle()).isEqualTo("Bad Request");
        assertThat(response.getBody().getErrors()).containsExactly(new FieldProblem("id", "must be a positive number"));
    }

    @Test
    void outsideSpringMvcAProblemIsTheSameBytesAsInside() {
        ProblemBody full = Problems.of(HttpStatus.BAD_REQUEST, "bad id", "/customers/abc",
                List.of(new FieldProblem("id", "must be a positive number"))).getBody();
        ProblemBody withExtension = new ProblemBody(503, "Service Unavailable", "Service 'customer' is unavailable",
                null, List.of(), Map.of("service", "customer"));

        mvc.run(context -> {
            MappingJackson2HttpMessageConverter converter = context.getBean(MappingJackson2HttpMessageConverter.class);
            assertThat(Problems.json(full)).isEqualTo(written(converter, full));
            assertThat(Problems.json(HttpStatus.SERVICE_UNAVAILABLE, "Service 'customer' is unavailable",
                    Map.of("service", "customer"))).isEqualTo(written(converter, withExtension));

            MockHttpServletResponse filterAnswer = new MockHttpServletResponse();
            Problems.write(filterAnswer, HttpStatus.FORBIDDEN, "The token lacks the scope");
            assertThat(filterAnswer.getContentAsByteArray()).isEqualTo(
                    written(converter, Problems.of(HttpStatus.FORBIDDEN, "The token lacks the scope", null).getBody()));
        });
    }

    @Test
    void theShapeIsTheStandardMembersInOrderThenTheExtensions() {
        assertThat(new String(Problems.json(HttpStatus.SERVICE_UNAVAILABLE, "down", Map.of("service", "customer")), StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                        + "\"detail\":\"down\",\"service\":\"customer\"}");
        assertThat(new String(Problems.json(Problems.of(HttpStatus.NOT_FOUND, "gone", "/x").getBody()), StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"gone\",\"instance\":\"/x\"}");
        assertThatIllegalArgumentException().isThrownBy(() -> Problems.json(HttpStatus.CONFLICT, "x", Map.of("status", 200)));
    }

    @Test
    void quotesHostileInputShortAndWithoutControlCharacters() {
        String quoted = Problems.quote("a\nb" + "x".repeat(100));
        assertThat(quoted).startsWith("'a?b").endsWith("…'").hasSizeLessThan(50);
    }

    private static byte[] written(MappingJackson2HttpMessageConverter converter, ProblemBody body) throws IOException {
        MockHttpOutputMessage message = new MockHttpOutputMessage();
        converter.write(body, Problems.PROBLEM_JSON, message);
        return message.getBodyAsBytes();
    }
}
