package egovframework.msa.sample.support.schema;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * After every one-off migration on PostgreSQL: whoever else holds rights on the access-record tables and on
 * Flyway's history (the service login, through the default privileges docker/postgres-init/ gives it, or the
 * grants of a prod operator) keeps only what the service needs there. The service appends records and never
 * changes or deletes one (msa-support, accessrecord); it moves the chain's head, reads the anchor, and reads
 * the history to check its schema. Removing records is the one-off prune's, with the migration login (the
 * tables' owner, whose rights stay). Default privileges are per kind of object, not per table, so this cannot
 * be said once in the init script; a callback, not a migration, because the service login's name is the
 * deployment's and it runs again after every release's migrations, whatever an operator granted since.
 * H2 (local runs, one login) has nothing to restrict.
 */
final class AppendOnlyGrants implements Callback {

    /** Table -> the rights no login but its owner keeps on it. */
    static final Map<String, String> REVOKED = new LinkedHashMap<>();

    static {
        REVOKED.put("access_record", "UPDATE, DELETE, TRUNCATE");
        REVOKED.put("access_record_customer", "UPDATE, DELETE, TRUNCATE");
        REVOKED.put("access_record_head", "INSERT, DELETE, TRUNCATE");
        REVOKED.put("access_record_anchor", "INSERT, UPDATE, DELETE, TRUNCATE");
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        Connection connection = context.getConnection();
        try {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                return;
            }
            Map<String, String> tables = new LinkedHashMap<>(REVOKED);
            tables.put(context.getConfiguration().getTable(), "INSERT, UPDATE, DELETE, TRUNCATE");
            String schema = context.getConfiguration().getSchemas().length > 0
                    ? context.getConfiguration().getSchemas()[0] : connection.getSchema();
            for (Map.Entry<String, String> table : tables.entrySet()) {
                for (String grantee : grantees(connection, schema, table.getKey())) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("REVOKE " + table.getValue() + " ON TABLE " + quote(schema) + "." + quote(table.getKey())
                                + " FROM " + grantee);
                    }
                }
            }
        } catch (SQLException e) {
            throw new FlywayException("cannot restrict the rights on the access-record tables: " + e.getMessage(), e);
        }
    }

    /** Every role but the owner holding a right on the table, and PUBLIC; none when the table does not exist. */
    private static List<String> grantees(Connection connection, String schema, String table) throws SQLException {
        List<String> grantees = new ArrayList<>();
        try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid ="
                + " c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            exists.setString(1, schema);
            exists.setString(2, table);
            try (ResultSet rows = exists.executeQuery()) {
                if (!rows.next()) {
                    return grantees;
                }
            }
        }
        grantees.add("PUBLIC");
        try (PreparedStatement query = connection.prepareStatement("SELECT DISTINCT r.rolname FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace CROSS JOIN LATERAL aclexplode(c.relacl) a"
                + " JOIN pg_roles r ON r.oid = a.grantee WHERE n.nspname = ? AND c.relname = ? AND a.grantee <> c.relowner")) {
            query.setString(1, schema);
            query.setString(2, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    grantees.add(quote(rows.getString(1)));
                }
            }
        }
        return grantees;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
