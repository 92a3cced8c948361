package egovframework.msa.sample.support.accessrecord;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.util.UUID;

/**
 * A database with the access-record tables as the services create them: catalogs' own migrations (the same
 * tables as customer-service's, AccessRecordSchemaTest), applied to a fresh in-memory H2 database.
 */
final class AccessRecordTables {

    /** The service migrations that create the tables; read from the working tree, as config-repo/ is. */
    static final String MIGRATIONS = "filesystem:../catalogs-service/src/main/resources/db/migration";

    private AccessRecordTables() {
    }

    /** A new database's URL, migrated; it lives as long as the JVM. */
    static String migratedUrl() {
        String url = "jdbc:h2:mem:access-records-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations(MIGRATIONS).load().migrate();
        return url;
    }

    static DataSource dataSource(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        return dataSource;
    }

    static DataSource migrated() {
        return dataSource(migratedUrl());
    }
}
