package egovframework.msa.sample.support.accessrecord;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code access-records verify} and {@code prune} as one-off processes: one line and the exit status. */
@ExtendWith(OutputCaptureExtension.class)
class AccessRecordsCommandTest {

    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final AccessRecordsCommand COMMAND = AccessRecordsCommand.of("note-service", "note", "NOTE_DB")
            .at(Clock.fixed(NOW, ZoneOffset.UTC));
    private static final String[] VERIFY = {"access-records", "verify"};
    private static final String[] PRUNE = {"access-records", "prune"};

    private final String url = AccessRecordTables.migratedUrl();
    private final JdbcAccessRecords chain = new JdbcAccessRecords(AccessRecordTables.dataSource(url));

    private void recordsAged(long... days) {
        for (long age : days) {
            chain.append(List.of(new AccessRecord(NOW.minus(age, ChronoUnit.DAYS), "auditor", "10.0.0.1", AccessAction.READ,
                    List.of("1234"), "ok", null)));
        }
    }

    @Test
    void anIntactChainIsOneLineAndExitZero(CapturedOutput output) {
        recordsAged(3, 2, 1);

        assertThat(COMMAND.run(Map.of("NOTE_DB_URL", url), VERIFY)).isZero();
        assertThat(output.getOut()).contains("note-service: access records intact: 3 records (#1 to #3) checked in ")
                .doesNotContain("\tat ");
    }

    @Test
    void aRowEditedInTheDatabaseIsOneLineNamingTheRecordAndExitOne(CapturedOutput output) {
        recordsAged(3, 2, 1);
        new JdbcTemplate(AccessRecordTables.dataSource(url)).update("UPDATE access_record SET result = 'not-found' WHERE id = 2");

        assertThat(COMMAND.run(Map.of("NOTE_DB_URL", url), VERIFY)).isEqualTo(1);
        assertThat(output.getOut()).contains("note-service: access records BROKEN at record #2: its fields do not match its hash")
                .doesNotContain("\tat ");
    }

    @Test
    void pruningRemovesWhatIsOlderThanTheRetentionAndKeepsTheChainVerifiable(CapturedOutput output) {
        recordsAged(800, 731, 729, 10);

        assertThat(COMMAND.run(Map.of("NOTE_DB_URL", url), PRUNE)).isZero();
        assertThat(output.getOut()).contains("note-service: pruned 2 records accessed before 2024-03-01T00:00:00Z"
                + " (retention 730d); the chain now starts after #2, 2 records kept");
        assertThat(COMMAND.run(Map.of("NOTE_DB_URL", url, "ACCESS_RECORDS_RETENTION", "400d"), PRUNE)).isZero();
        assertThat(output.getOut()).contains("pruned 1 record accessed before 2025-01-25T00:00:00Z (retention 400d)");
        assertThat(COMMAND.run(Map.of("NOTE_DB_URL", url), VERIFY)).isZero();
        assertThat(output.getOut()).contains("access records intact: 1 record (#4 to #4; #1 to #3 pruned)");
    }

    @Test
    void aBrokenChainIsNotPruned(CapturedOutput output) {
        recordsAged(800, 10);
        new JdbcTemplate(AccessRecordTables.dataSource(url)).update("UPDATE access_record SET account = 'x' WHERE id = 1");

        assertThat(COMMAND.run(Map.of("NOTE_DB_URL", url), PRUNE)).isEqualTo(1);
        assertThat(output.getOut()).contains("BROKEN at record #1").contains("; nothing pruned");
        assertThat(chain.find(AccessRecordQuery.latest())).hasSize(2);
    }

    @Test
    void badArgumentsOrSettingsAreOneLineAndExitTwo(CapturedOutput output) {
        Map<String, String> database = Map.of("NOTE_DB_URL", url);
        assertThat(COMMAND.run(database, new String[]{"access-records"})).isEqualTo(2);
        assertThat(COMMAND.run(database, new String[]{"access-records", "delete"})).isEqualTo(2);
        assertThat(COMMAND.run(database, new String[]{"access-records", "verify", "extra"})).isEqualTo(2);
        assertThat(output.getErr()).contains("note-service: usage: access-records verify | access-records prune");

        assertThat(COMMAND.run(Map.of(), VERIFY)).isEqualTo(2);
        assertThat(output.getErr()).contains("note-service: NOTE_DB_URL is not set");

        assertThat(COMMAND.run(Map.of("NOTE_DB_URL", url, "ACCESS_RECORDS_RETENTION", "two years"), PRUNE)).isEqualTo(2);
        assertThat(output.getErr()).contains("ACCESS_RECORDS_RETENTION must be a duration such as 730d");
        assertThat(COMMAND.run(Map.of("NOTE_DB_URL", url, "ACCESS_RECORDS_RETENTION", "30d"), PRUNE)).isEqualTo(2);
        assertThat(output.getErr()).contains("ACCESS_RECORDS_RETENTION must be at least 365d");
        // Spring settings after the subcommand, as ./suite passes them, are no bad arguments.
        assertThat(COMMAND.run(database, new String[]{"access-records", "verify", "--logging.level.root=WARN"})).isZero();
    }

    @Test
    void aDatabaseThatIsNotThereOrHasNoRecordsTablesIsOneLineAndExitOne(CapturedOutput output) {
        assertThat(COMMAND.run(Map.of("NOTE_DB_URL", "jdbc:h2:tcp://127.0.0.1:1/notes"), VERIFY)).isEqualTo(1);
        assertThat(output.getOut()).contains("note-service: access records cannot be verified on jdbc:h2:tcp://127.0.0.1:1/notes: ");

        assertThat(COMMAND.run(Map.of("NOTE_DB_URL", "jdbc:h2:mem:no-tables;DB_CLOSE_DELAY=-1"), PRUNE)).isEqualTo(1);
        assertThat(output.getOut()).contains("note-service: access records cannot be pruned on jdbc:h2:mem:no-tables")
                .doesNotContain("\tat ");
    }

    @Test
    void onlyTheAccessRecordsArgumentAsksForIt() {
        assertThat(AccessRecordsCommand.requested(new String[]{"access-records", "verify"})).isTrue();
        assertThat(AccessRecordsCommand.requested(new String[]{"migrate"})).isFalse();
        assertThat(AccessRecordsCommand.requested(new String[0])).isFalse();
    }
}
