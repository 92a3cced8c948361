package egovframework.msa.sample.support.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Objects;

/**
 * A JSON problem body in the shape of RFC 7807 ({@code application/problem+json}), plus the list of
 * offending fields so a client can tell which input to correct.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "errors"})
public final class ProblemBody {

    private final int status;
    private final String title;
    private final String detail;
    private final String instance;
    private final List<FieldProblem> errors;

    public ProblemBody(int status, String title, String detail, String instance, List<FieldProblem> errors) {
        this.status = status;
        this.title = Objects.requireNonNull(title, "title");
        this.detail = detail;
        this.instance = instance;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
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
}
