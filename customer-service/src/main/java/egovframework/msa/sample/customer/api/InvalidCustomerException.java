package egovframework.msa.sample.customer.api;

import egovframework.msa.sample.support.problem.FieldProblem;

import java.util.List;

/** A request body that broke one or more value-object rules. */
final class InvalidCustomerException extends RuntimeException {

    private final List<FieldProblem> problems;

    InvalidCustomerException(List<FieldProblem> problems) {
        super("Invalid customer data");
        this.problems = List.copyOf(problems);
    }

    List<FieldProblem> problems() {
        return problems;
    }
}
