package egovframework.msa.sample.support.schema;

/**
 * A schema problem an operator can act on (not migrated, migration failed, database unreachable): reported as
 * its one-line message by {@link egovframework.msa.sample.support.startup.StartupFailureReporter}, no stack trace.
 */
public final class SchemaException extends IllegalStateException {

    public SchemaException(String message) {
        super(message);
    }

    /** The first line of a failure's message: Flyway's go on over several lines (SQL state, error code...). */
    static String firstLine(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        return message.strip().lines().findFirst().orElse("").strip();
    }
}
