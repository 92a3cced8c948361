package egovframework.msa.sample.support.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;

/** Builds problem responses with the right status and content type. */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.valueOf("application/problem+json");

    private Problems() {
    }

    public static ResponseEntity<ProblemBody> of(HttpStatus status, String detail, String instance) {
        return of(status, detail, instance, List.of());
    }

    public static ResponseEntity<ProblemBody> of(HttpStatus status, String detail, String instance,
                                                 List<FieldProblem> errors) {
        return of(status, new HttpHeaders(), detail, instance, errors);
    }

    public static ResponseEntity<ProblemBody> of(HttpStatus status, HttpHeaders headers, String detail,
                                                 String instance, List<FieldProblem> errors) {
        HttpHeaders merged = new HttpHeaders();
        merged.addAll(headers);
        merged.setContentType(PROBLEM_JSON);
        ProblemBody body = new ProblemBody(status.value(), status.getReasonPhrase(), detail, instance, errors);
        return new ResponseEntity<>(body, merged, status);
    }

    /** Echoes client input in a message without letting a hostile value flood the response or the log. */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        String clean = value.replaceAll("[\\p{Cntrl}]", "?");
        return "'" + (clean.length() > 40 ? clean.substring(0, 40) + "…" : clean) + "'";
    }
}
