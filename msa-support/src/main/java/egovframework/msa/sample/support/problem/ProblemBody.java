package egovframework.msa.sample.support.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A JSON problem body in the shape of RFC 7807 ({@code application/problem+json}), plus the list of
 * offending fields so a client can tell which input to correct, and any extension members (after the
 * standard ones). The one shape of every problem the suite sends, through Spring MVC or {@link Problems#json}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "errors"})
public final class ProblemBody {

    private static final Set<String> MEMBERS = Set.of("type", "title", "status", "detail", "instance", "errors");

    private final int status;
    private final String title;
    private final String detail;
    private final String instance;
    private final List<FieldProblem> errors;
    private final Map<String, Object> extensions;

    public ProblemBody(int status, String title, String detail, String instance, List<FieldProblem> errors) {
        this(status, title, detail, instance, errors, Map.of());
    }

    public ProblemBody(int status, String title, String detail, String instance, List<FieldProblem> errors,
                       Map<String, Object> extensions) {
        this.status = status;
        this.title = Objects.requireNonNull(title, "title");
        this.detail = detail;
        this.instance = instance;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        // A LinkedHashMap copy, not Map.copyOf: the members keep the caller's order.
        this.extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
        if (!Collections.disjoint(this.extensions.keySet(), MEMBERS)) {
            throw new IllegalArgumentException("Extension members must not repeat a standard one: " + extensions.keySet());
        }
    }

    public String getType() {
        return "about:blank";
    }

    public int getStatus() {
        return status;
    }

    public String getTitle() {
        return title;
    }

    public String getDetail() {
        return detail;
    }

    public String getInstance() {
        return instance;
    }

    public List<FieldProblem> getErrors() {
        return errors;
    }

    /** Extension members (RFC 7807, section 3.2), written after the standard ones. */
    @JsonAnyGetter
    public Map<String, Object> getExtensions() {
        return extensions;
    }
}
