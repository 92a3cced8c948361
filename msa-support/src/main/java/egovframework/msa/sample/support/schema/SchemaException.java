package egovframework.msa.sample.support.schema;

/**
 * A schema problem an operator can act on (not migrated, migration failed, database unreachable): reported as
 * its one-line message by {@link egovframework.msa.sample.support.startup.StartupFailureReporter}, no stack trace.
 */
public final class SchemaException extends IllegalStateException {

    public SchemaException(String message) {
        super(message);
    }

    /**
     * The first line of a failure's message, and its root cause where that says more: "The connection attempt
     * failed." alone does not say the host name is unknown.
     */
    static String describe(Throwable failure) {
        String line = firstLine(failure);
        Throwable root = rootCause(failure);
        String cause = root.getMessage() == null ? "" : firstLine(root);
        return root == failure || line.contains(cause) ? line
                : line + " (" + root.getClass().getSimpleName() + (cause.isEmpty() ? "" : ": " + cause) + ")";
    }

    /** The innermost cause of a failure (the failure itself when it has none). */
    public static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** The first line of a failure's message: Flyway's go on over several lines (SQL state, error code...). */
    public static String firstLine(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        return message.strip().lines().findFirst().orElse("").strip();
    }
}
