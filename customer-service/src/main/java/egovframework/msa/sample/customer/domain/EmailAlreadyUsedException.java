package egovframework.msa.sample.customer.domain;

/**
 * Another customer already uses the e-mail address. The message does not repeat the address: it is personal
 * data and would end up in logs.
 */
public class EmailAlreadyUsedException extends RuntimeException {

    public EmailAlreadyUsedException() {
        super("The e-mail address is already used by another customer");
    }
}
