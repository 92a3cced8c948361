package egovframework.msa.sample.customer.infrastructure.events;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the relay's SQL must do on every database the service supports (V3__outbox.sql, OutboxStore). */
@Transactional // each test rolls back
abstract class OutboxStoreContract {

    private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

    @Autowired
    OutboxStore outbox;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void unsentRowsComeOldestFirstUpToTheLimitAndLeaveOnceMarked() {
        for (int i = 0; i < 5; i++) {
            outbox.append("event-" + i, 1234, "changed", i, "{\"n\":" + i + "}", NOW, null);
        }

        List<OutboxEntry> first = outbox.oldestUnsent(3);
        assertThat(first).extracting(OutboxEntry::eventId).containsExactly("event-0", "event-1", "event-2");
        assertThat(first.get(2).sequence()).isEqualTo(2);
        assertThat(first.get(2).payload()).isEqualTo("{\"n\":2}");
        assertThat(outbox.pending()).isEqualTo(5);

        outbox.markSent(first.subList(0, 2), NOW);

        assertThat(outbox.pending()).isEqualTo(3);
        assertThat(outbox.oldestUnsent(10)).extracting(OutboxEntry::eventId).containsExactly("event-2", "event-3", "event-4");
    }

    @Test
    void onlyRowsSentBeforeTheCutOffAreDeleted() {
        outbox.append("old", 1, "registered", 0, "{}", NOW, null);
        outbox.append("recent", 1, "changed", 1, "{}", NOW, null);
        outbox.append("unsent", 1, "deleted", 2, "{}", NOW, null);
        List<OutboxEntry> rows = outbox.oldestUnsent(3);
        outbox.markSent(rows.subList(0, 1), NOW.minus(Duration.ofHours(25)));
        outbox.markSent(rows.subList(1, 2), NOW.minus(Duration.ofHours(1)));

        assertThat(outbox.deleteSentBefore(NOW.minus(Duration.ofHours(24)))).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT event_id FROM outbox ORDER BY id", String.class)).containsExactly("recent", "unsent");
    }
}
