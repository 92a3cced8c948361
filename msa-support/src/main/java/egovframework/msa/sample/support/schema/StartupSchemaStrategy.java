package egovframework.msa.sample.support.schema;

import egovframework.msa.sample.support.logging.SecretMasks;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;

/**
 * What a service does with its schema as it starts (Boot's Flyway initializer calls this instead of migrate()).
 *
 * <ul>
 *   <li>{@code suite.schema.migrate-on-start: true} (config-repo/application.yml, a local run): it migrates.
 *       The in-memory H2 of a local run is new at every start, and nobody else would migrate it.</li>
 *   <li>{@code false} (the container profiles, config-repo/application-docker.yml and -k8s.yml): the schema is
 *       the one-off migration's job ({@link SchemaMigration}: compose's schema-migrate-* services, the
 *       Kubernetes Jobs schema-migrate-*, ./suite migrate), never that of the instances of a rollout, which would
 *       race each other and change the schema under the old release's instances. The service only checks that
 *       the schema is at its version and refuses to start with one line otherwise.</li>
 * </ul>
 * A schema ahead of the service (the next release's migrations already applied) is accepted: Flyway ignores
 * future migrations by default, so the old instances of a rolling update keep running.
 */
final class StartupSchemaStrategy implements FlywayMigrationStrategy {

    static final String HOW_TO_MIGRATE = "./suite migrate locally, the compose service schema-migrate-%1$s,"
            + " or the Kubernetes Job schema-migrate-%1$s";

    private final String application;
    private final String where;
    private final boolean migrateOnStart;

    StartupSchemaStrategy(String application, String url, boolean migrateOnStart) {
        this.application = application;
        this.where = url == null ? "its datasource" : SecretMasks.mask(url);
        this.migrateOnStart = migrateOnStart;
    }

    @Override
    public void migrate(Flyway flyway) {
        if (migrateOnStart) {
            flyway.migrate();
        } else {
            verify(flyway);
        }
    }

    private void verify(Flyway flyway) {
        MigrationInfo[] pending;
        try {
            pending = flyway.info().pending();
        } catch (FlywayException e) {
            throw new SchemaException("Refusing to start: cannot read the schema of " + application + " on " + where + ": "
                    + SchemaException.describe(e));
        }
        if (pending.length > 0) {
            MigrationInfo last = pending[pending.length - 1];
            throw new SchemaException("Refusing to start: the schema of " + application + " on " + where + " is not migrated ("
                    + pending.length + " pending migration" + (pending.length == 1 ? "" : "s") + ", up to version "
                    + last.getVersion() + "); run the schema migration first: " + String.format(HOW_TO_MIGRATE, application));
        }
        try {
            flyway.validate();
        } catch (FlywayException e) {
            throw new SchemaException("Refusing to start: the schema of " + application + " on " + where
                    + " does not match its migrations: " + SchemaException.describe(e));
        }
    }
}
