package egovframework.msa.sample.support.accessrecord;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each service creates the access-record tables in its own migrations (one database per service), and this
 * module's code reads and writes them: so the two migrations must create the same tables, as the tests here
 * run them (AccessRecordTables: catalogs' migrations).
 */
class AccessRecordSchemaTest {

    @Test
    void customerServiceAndCatalogsCreateTheSameTables() throws IOException {
        String customer = Files.readString(Path.of("../customer-service/src/main/resources/db/migration/V6__access_records.sql"));
        String catalogs = Files.readString(Path.of("../catalogs-service/src/main/resources/db/migration/V3__access_records.sql"));

        assertThat(customer).isEqualTo(catalogs).contains("CREATE TABLE access_record (");
    }
}
