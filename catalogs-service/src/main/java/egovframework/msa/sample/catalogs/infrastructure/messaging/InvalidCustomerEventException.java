package egovframework.msa.sample.catalogs.infrastructure.messaging;

/** A message that is not a customer event of the contract: delivering it again cannot help. */
class InvalidCustomerEventException extends RuntimeException {

    InvalidCustomerEventException(String message) {
        super(message);
    }
}
