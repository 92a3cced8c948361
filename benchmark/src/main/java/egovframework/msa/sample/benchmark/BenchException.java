package egovframework.msa.sample.benchmark;

/** A reason to stop the benchmark; {@link Bench} prints the message as one line and exits non-zero. */
public final class BenchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BenchException(String message) {
        super(message);
    }
}
