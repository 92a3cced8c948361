package egovframework.msa.sample.customer.accessrecords;

import egovframework.msa.sample.customer.TestPostgres;
import egovframework.msa.sample.support.accessrecord.AccessAction;
import egovframework.msa.sample.support.accessrecord.AccessRecord;
import egovframework.msa.sample.support.accessrecord.AccessRecordsCommand;
import egovframework.msa.sample.support.accessrecord.ChainCheck;
import egovframework.msa.sample.support.accessrecord.JdbcAccessRecords;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * customer-service's access records on the machine's PostgreSQL, in its own schema (V1 to V6): two instances'
 * writers append one chain; {@code access-records verify}, the one-off process of the service's jar, says it is
 * intact in one line, and one line naming the record once a row is edited with JDBC; and how long verifying
 * 100,000 records takes (printed, and bounded).
 */
@ExtendWith(OutputCaptureExtension.class)
class PostgresAccessRecordsTest {

    @RegisterExtension
    static final TestPostgres POSTGRES = TestPostgres.schema("access_records_");
    private static final AccessRecordsCommand COMMAND = AccessRecordsCommand.of("customer-service", "customer", "CUSTOMER_DB");
    private static final String[] VERIFY = {"access-records", "verify"};
    private static final int MEASURED = 100_000;
    private static final Duration VERIFY_BOUND = Duration.ofSeconds(60);

    private static DataSource dataSource;

    @BeforeAll
    static void migrate() {
        POSTGRES.migrate();
        dataSource = new DriverManagerDataSource(POSTGRES.url(), POSTGRES.user(), POSTGRES.password());
    }

    private static Map<String, String> database() {
        return Map.of("CUSTOMER_DB_URL", POSTGRES.url(), "CUSTOMER_DB_USERNAME", POSTGRES.user(),
                "CUSTOMER_DB_PASSWORD", POSTGRES.password());
    }

    private static AccessRecord read(String account, int customer) {
        return new AccessRecord(Instant.now(), account, "127.0.0.1", AccessAction.READ, List.of(Integer.toString(customer)),
                "ok", "0af7651916cd43dd8448eb211c80319c");
    }

    @Test
    void twoInstancesWritersAppendOneIntactChain() throws Exception {
        List<JdbcAccessRecords> instances = List.of(
                new JdbcAccessRecords(new DriverManagerDataSource(POSTGRES.url(), POSTGRES.user(), POSTGRES.password())),
                new JdbcAccessRecords(new DriverManagerDataSource(POSTGRES.url(), POSTGRES.user(), POSTGRES.password())));
        long before = new JdbcAccessRecords(dataSource).verify().records();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            JdbcAccessRecords writer = instances.get(t % 2);
            String account = "instance-" + (t % 2);
            done.add(threads.submit(() -> {
                for (int batch = 0; batch < 20; batch++) {
                    writer.append(List.of(read(account, batch), read(account, batch + 1)));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();

        ChainCheck check = new JdbcAccessRecords(dataSource).verify();
        assertThat(check.intact()).as(check.line("customer-service")).isTrue();
        assertThat(check.records() - before).isEqualTo(160);
    }

    @Test
    void verifyIsOneLineAndExitZeroThenOneLineNamingTheRecordOnceARowIsEdited(CapturedOutput output) {
        List<AccessRecord> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add(read("verify", i));
        }
        long id = new JdbcAccessRecords(dataSource).append(fifty).get(20).id();
        assertThat(COMMAND.run(database(), VERIFY)).isZero();
        assertThat(output.getOut()).contains("customer-service: access records intact: ");

        JdbcTemplate sql = new JdbcTemplate(dataSource);
        sql.update("UPDATE access_record SET client_address = '198.51.100.7' WHERE id = ?", id);
        try {
            assertThat(COMMAND.run(database(), VERIFY)).isEqualTo(1);
            List<String> lines = output.getOut().lines().filter(line -> line.contains("access records BROKEN"))
                    .collect(Collectors.toList());
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).contains("customer-service: access records BROKEN at record #" + id + ": its fields do"
                    + " not match its hash: it was changed after it was written (" + (id - 1) + " records before it intact");
            assertThat(output.getOut()).doesNotContain("\tat ");
        } finally {
            sql.update("UPDATE access_record SET client_address = '127.0.0.1' WHERE id = ?", id);
        }
        assertThat(new JdbcAccessRecords(dataSource).verify().intact()).isTrue();
    }

    @Test
    void verifyingAHundredThousandRecordsTakesSeconds() {
        JdbcAccessRecords chain = new JdbcAccessRecords(dataSource);
        // Whatever the other tests of this class appended first, this one fills the chain up to exactly 100,000.
        long existing = chain.verify().records();
        List<AccessRecord> batch = new ArrayList<>();
        for (int i = 0; i < MEASURED - existing; i++) {
            batch.add(read("load-" + (i % 50), i % 5000));
            if (batch.size() == 1000) {
                chain.append(batch);
                batch.clear();
            }
        }
        chain.append(batch);

        ChainCheck check = chain.verify();

        assertThat(check.intact()).as(check.line("customer-service")).isTrue();
        assertThat(check.records()).isEqualTo(MEASURED);
        System.out.printf("[access-records] verified %,d records on PostgreSQL in %.2f s%n", check.records(),
                check.took().toMillis() / 1000.0);
        assertThat(check.took()).isLessThan(VERIFY_BOUND);
    }
}
