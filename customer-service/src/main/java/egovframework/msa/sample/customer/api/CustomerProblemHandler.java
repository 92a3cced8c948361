package egovframework.msa.sample.customer.api;

import egovframework.msa.sample.customer.domain.CustomerNotFoundException;
import egovframework.msa.sample.customer.domain.EmailAlreadyUsedException;
import egovframework.msa.sample.customer.domain.InvalidValueException;
import egovframework.msa.sample.support.problem.FieldProblem;
import egovframework.msa.sample.support.problem.ProblemBody;
import egovframework.msa.sample.support.problem.ProblemExceptionHandler;
import egovframework.msa.sample.support.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

import java.util.List;

/** Maps the customer context's exceptions to JSON problem bodies. */
@RestControllerAdvice
class CustomerProblemHandler extends ProblemExceptionHandler {

    @ExceptionHandler(InvalidValueException.class)
    ResponseEntity<ProblemBody> invalidValue(InvalidValueException ex, WebRequest request) {
        return Problems.of(HttpStatus.BAD_REQUEST, "Invalid " + ex.field() + ": " + ex.getMessage(), path(request),
                List.of(new FieldProblem(ex.field(), ex.getMessage())));
    }

    @ExceptionHandler(InvalidCustomerException.class)
    ResponseEntity<ProblemBody> invalidCustomer(InvalidCustomerException ex, WebRequest request) {
        return Problems.of(HttpStatus.BAD_REQUEST, ex.getMessage(), path(request), ex.problems());
    }

    @ExceptionHandler(CustomerNotFoundException.class)
    ResponseEntity<ProblemBody> notFound(CustomerNotFoundException ex, WebRequest request) {
        return Problems.of(HttpStatus.NOT_FOUND, ex.getMessage(), path(request));
    }

    /** 409: the request is valid, but conflicts with another customer (the client may choose another address). */
    @ExceptionHandler(EmailAlreadyUsedException.class)
    ResponseEntity<ProblemBody> emailAlreadyUsed(EmailAlreadyUsedException ex, WebRequest request) {
        return Problems.of(HttpStatus.CONFLICT, ex.getMessage(), path(request),
                List.of(new FieldProblem("email", "already used by another customer")));
    }
}
