package egovframework.msa.sample.support.problem;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemsTest {

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
    void quotesHostileInputShortAndWithoutControlCharacters() {
        String quoted = Problems.quote("a\nb" + "x".repeat(100));
        assertThat(quoted).startsWith("'a?b").endsWith("…'").hasSizeLessThan(50);
    }
}
