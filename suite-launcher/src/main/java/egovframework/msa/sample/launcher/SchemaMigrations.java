package egovframework.msa.sample.launcher;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code ./suite migrate}: the one-off schema migration (12-factor XII) of each service that owns a database,
 * as compose and Kubernetes run it: the service's own jar with the argument "migrate" (msa-support,
 * SchemaMigration), against the database the environment names ({@link OneOffRuns}). Its output is the
 * migration's own line: where the schema stands, or why it could not be migrated.
 *
 * <p>A service whose URL is not set is skipped with a line saying so: a local run keeps its data in an H2
 * database of its own, new at every start, which the service migrates itself as it starts.
 */
public final class SchemaMigrations {

    /** Each service that owns a database, and the prefix of the variables that name it. */
    public static final Map<String, String> DATABASES = OneOffRuns.DATABASES;

    private final OneOffRuns runs;

    public SchemaMigrations(SuiteLayout layout, PrintStream out) {
        this.runs = new OneOffRuns(layout, out);
    }

    /**
     * Migrates every database {@code environment} names, one after the other.
     *
     * @return 0 when each is migrated (or none is named), 1 when any migration failed
     */
    public int run(Map<String, String> environment) {
        return runs.onEachDatabase(environment, List.of("migrate"), service -> service + ": " + DATABASES.get(service)
                + "_URL not set: a local run keeps its data in an H2 database new at every start, which " + service
                + " migrates itself; nothing to migrate");
    }
}
