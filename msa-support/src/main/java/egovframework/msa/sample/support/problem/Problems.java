package egovframework.msa.sample.support.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Builds problem responses with the right status and content type. */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.valueOf("application/problem+json");
    /** Outside Spring MVC (filters, the security chain, Zuul fallbacks) no message converter is at hand. */
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /**
     * The bytes of a problem body, for the places that answer outside Spring MVC (servlet filters, the
     * security chain, Zuul fallbacks). {@code extra} members follow the standard ones.
     */
    public static byte[] json(HttpStatus status, String detail, Map<String, Object> extra) {
        return json(new ProblemBody(status.value(), status.getReasonPhrase(), detail, null, List.of(), extra));
    }

    /** The same bytes Spring MVC's converter writes for this body: its annotations alone decide the shape. */
    static byte[] json(ProblemBody body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a problem answer straight to a servlet response, unless one is already on its way. */
    public static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        byte[] body = json(status, detail, Map.of());
        response.setStatus(status.value());
        response.setContentType(PROBLEM_JSON.toString());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
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
