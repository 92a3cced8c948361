package egovframework.msa.sample.catalogs.api;

import egovframework.msa.sample.catalogs.domain.InvalidCustomerIdException;
import egovframework.msa.sample.catalogs.domain.UnknownCustomerException;
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

@RestControllerAdvice
class CatalogsProblemHandler extends ProblemExceptionHandler {

    @ExceptionHandler(InvalidCustomerIdException.class)
    ResponseEntity<ProblemBody> invalidId(InvalidCustomerIdException ex, WebRequest request) {
        return Problems.of(HttpStatus.BAD_REQUEST, "Invalid customerId: " + ex.getMessage(), path(request),
                List.of(new FieldProblem("customerId", ex.getMessage())));
    }

    @ExceptionHandler(UnknownCustomerException.class)
    ResponseEntity<ProblemBody> unknown(UnknownCustomerException ex, WebRequest request) {
        return Problems.of(HttpStatus.NOT_FOUND, ex.getMessage(), path(request));
    }
}
