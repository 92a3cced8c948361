package egovframework.msa.sample.support.accessrecord;

/**
 * Access records cannot be kept right now (the database has not taken them for a while and the queue is full):
 * the request for personal data is refused with 503 rather than served without its record
 * (msa-support's ProblemExceptionHandler).
 */
public final class AccessRecordsUnavailableException extends RuntimeException {

    public AccessRecordsUnavailableException(int waiting) {
        super("access records cannot be kept right now (" + waiting + " waiting for the database)");
    }
}
