package egovframework.msa.sample.support.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import egovframework.msa.sample.support.accessrecord.AccessRecordsUnavailableException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns every Spring MVC exception into a JSON problem body: client mistakes keep their 4xx status
 * and name the field, anything unexpected is a bare 500 problem whose details stay in the log.
 * Each service extends this with handlers for its own domain exceptions.
 */
public abstract class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @Override
    @SuppressWarnings("unchecked")
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatus status, WebRequest request) {
        String detail = status.is5xxServerError() ? "The request could not be completed" : describe(ex);
        return (ResponseEntity<Object>) (ResponseEntity<?>) Problems.of(status, headers, detail, path(request),
                fieldsOf(ex));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatus status,
                                                                  WebRequest request) {
        return handleExceptionInternal(ex, null, headers, HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemBody> typeMismatch(MethodArgumentTypeMismatchException ex, WebRequest request) {
        return Problems.of(HttpStatus.BAD_REQUEST, "Invalid value " + Problems.quote(String.valueOf(ex.getValue()))
                        + " for " + ex.getName(), path(request),
                List.of(new FieldProblem(ex.getName(), "has the wrong format")));
    }

    /**
     * Access records cannot be kept right now: the personal data asked for is not served without its record
     * (msa-support, accessrecord; its writer logs the outage once). It retries every second: soon is worth a try.
     */
    @ExceptionHandler(AccessRecordsUnavailableException.class)
    ResponseEntity<ProblemBody> accessRecordsUnavailable(AccessRecordsUnavailableException ex, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, headers, "Personal data is not served while its access"
                + " records cannot be kept; try again shortly", path(request), List.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemBody> unexpected(Exception ex, WebRequest request) {
        log.error("Unhandled error on {}", path(request), ex);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "The request could not be completed", path(request));
    }

    protected static String path(WebRequest request) {
        return request instanceof ServletWebRequest
                ? ((ServletWebRequest) request).getRequest().getRequestURI()
                : null;
    }

    private static String describe(Exception ex) {
        if (ex instanceof HttpMessageNotReadableException) {
            Throwable cause = ex.getCause();
            if (cause instanceof UnrecognizedPropertyException) {
                return "Unknown field " + Problems.quote(((UnrecognizedPropertyException) cause).getPropertyName());
            }
            if (cause instanceof JsonMappingException && !((JsonMappingException) cause).getPath().isEmpty()) {
                return "Field " + Problems.quote(fieldPath((JsonMappingException) cause)) + " has the wrong type";
            }
            return "The request body is missing or is not valid JSON";
        }
        if (ex instanceof MissingServletRequestParameterException) {
            return "Missing parameter " + Problems.quote(((MissingServletRequestParameterException) ex).getParameterName());
        }
        if (ex instanceof TypeMismatchException) {
            return "Invalid value for " + Problems.quote(((TypeMismatchException) ex).getPropertyName());
        }
        // Framework messages for 4xx (unsupported media type, method not allowed...) carry no internals.
        return ex.getMessage();
    }

    private static List<FieldProblem> fieldsOf(Exception ex) {
        if (ex instanceof HttpMessageNotReadableException && ex.getCause() instanceof JsonMappingException) {
            JsonMappingException mapping = (JsonMappingException) ex.getCause();
            if (!mapping.getPath().isEmpty()) {
                String message = mapping instanceof UnrecognizedPropertyException ? "is not a known field"
                        : "has the wrong type";
                return List.of(new FieldProblem(fieldPath(mapping), message));
            }
        }
        return List.of();
    }

    private static String fieldPath(JsonMappingException mapping) {
        return mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
