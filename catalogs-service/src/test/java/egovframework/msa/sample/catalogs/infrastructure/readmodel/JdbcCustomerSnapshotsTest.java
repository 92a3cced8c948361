package egovframework.msa.sample.catalogs.infrastructure.readmodel;

import egovframework.msa.sample.catalogs.domain.CustomerId;
import egovframework.msa.sample.catalogs.domain.CustomerInfo;
import egovframework.msa.sample.catalogs.domain.CustomerLookup;
import egovframework.msa.sample.catalogs.infrastructure.readmodel.JdbcCustomerSnapshots.Outcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The read model's rules, on the real schema (Flyway's db/migration) in an embedded H2 database. */
@JdbcTest
@Import({JdbcCustomerSnapshots.class, JdbcCustomerSnapshotsTest.FixedClock.class})
class JdbcCustomerSnapshotsTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final CustomerInfo FIRST = new CustomerInfo("홍길동", "gildong@example.go.kr", "010-1234-5678");
    private static final CustomerInfo SECOND = new CustomerInfo("홍길순", "gilsun@example.go.kr", "010-8765-4321");

    @Autowired
    JdbcCustomerSnapshots snapshots;

    @Test
    void aCustomerNeverSeenIsNotKnown() {
        assertThat(snapshots.find(CustomerId.parse("424242"))).isEmpty();
    }

    @Test
    void eventsApplyInSequenceAndOlderOrEqualOnesAreIgnored() {
        assertThat(apply(1, 0, FIRST, NOW.minusSeconds(60))).isEqualTo(Outcome.APPLIED);
        assertThat(apply(1, 2, SECOND, NOW.minusSeconds(30))).isEqualTo(Outcome.APPLIED);
        assertThat(apply(1, 1, FIRST, NOW.minusSeconds(45))).isEqualTo(Outcome.STALE);
        assertThat(apply(1, 2, FIRST, NOW.minusSeconds(30))).isEqualTo(Outcome.STALE);

        CustomerLookup lookup = snapshots.find(CustomerId.parse("1")).orElseThrow();
        assertThat(lookup.isLastKnown()).isTrue();
        assertThat(lookup.customer()).hasValueSatisfying(info -> assertThat(info.describe()).isEqualTo(SECOND.describe()));
        assertThat(lookup.asOf()).contains(NOW.minusSeconds(30));
    }

    @Test
    void operatorsSeeEachCustomersBookkeepingAndTheTotalsWithoutPersonalData() {
        apply(31, 0, FIRST, NOW.minusSeconds(5));
        apply(32, 0, SECOND, NOW.minusSeconds(4));
        apply(32, 1, null, NOW.minusSeconds(3));

        assertThat(snapshots.bookkeeping(31)).hasValueSatisfying(entry -> {
            assertThat(entry).containsEntry("customerId", 31L).containsEntry("lastSequence", 0L)
                    .containsEntry("deleted", false).containsEntry("asOf", NOW.minusSeconds(5))
                    .containsEntry("appliedAt", NOW);
            assertThat(entry.values()).doesNotContain(FIRST.name(), FIRST.email(), FIRST.phone());
        });
        assertThat(snapshots.bookkeeping(32)).hasValueSatisfying(entry -> assertThat(entry)
                .containsEntry("deleted", true).containsEntry("lastSequence", 1L));
        assertThat(snapshots.bookkeeping(33)).isEmpty();
        assertThat(snapshots.summary()).containsEntry("lastAppliedAt", NOW).containsKeys("customers", "tombstones")
                .containsEntry("initialFillCompleted", false);
        assertThat((Long) snapshots.summary().get("tombstones")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aRegistrationAfterTheRowsStateStartsANewLifeOfTheIdButALateOneDoesNot() {
        apply(41, 0, FIRST, NOW.minusSeconds(50));
        apply(41, 3, null, NOW.minusSeconds(40));  // deleted; customer-service's database then started over

        assertThat(snapshots.apply(UUID.randomUUID().toString(), 41, 0, SECOND, NOW.minusSeconds(10), true))
                .isEqualTo(Outcome.APPLIED);
        assertThat(snapshots.find(CustomerId.parse("41")).flatMap(CustomerLookup::customer).map(CustomerInfo::name))
                .contains(SECOND.name());
        assertThat(snapshots.apply(UUID.randomUUID().toString(), 41, 1, FIRST, NOW.minusSeconds(5), false))
                .as("the new life's next change").isEqualTo(Outcome.APPLIED);
        assertThat(snapshots.apply(UUID.randomUUID().toString(), 41, 0, SECOND, NOW.minusSeconds(20), true))
                .as("a registration older than the row's state").isEqualTo(Outcome.STALE);
    }

    @Test
    void aRedeliveredEventIdIsRecognisedWhateverItCarries() {
        String eventId = UUID.randomUUID().toString();

        assertThat(snapshots.apply(eventId, 2, 5, FIRST, NOW)).isEqualTo(Outcome.APPLIED);
        assertThat(snapshots.apply(eventId, 2, 6, SECOND, NOW)).isEqualTo(Outcome.DUPLICATE);
        assertThat(snapshots.find(CustomerId.parse("2")).flatMap(CustomerLookup::customer).map(CustomerInfo::name))
                .contains("홍길동");
    }

    @Test
    void aDeletedCustomerStaysDeletedWhenAnOlderChangeArrivesLate() {
        apply(3, 1, FIRST, NOW);
        assertThat(apply(3, 3, null, NOW)).isEqualTo(Outcome.APPLIED);
        assertThat(apply(3, 2, SECOND, NOW)).isEqualTo(Outcome.STALE);

        assertThat(snapshots.find(CustomerId.parse("3"))).isEmpty();
        // Re-registered later (a higher sequence) it is known again.
        assertThat(apply(3, 4, SECOND, NOW)).isEqualTo(Outcome.APPLIED);
        assertThat(snapshots.find(CustomerId.parse("3"))).isPresent();
    }

    @Test
    void aDeletionOfACustomerNeverSeenLeavesATombstone() {
        assertThat(apply(4, 7, null, NOW)).isEqualTo(Outcome.APPLIED);
        assertThat(apply(4, 6, FIRST, NOW)).isEqualTo(Outcome.STALE);
        assertThat(snapshots.find(CustomerId.parse("4"))).isEmpty();
    }

    @Test
    void theFillAddsOnlyWhatNoEventWroteAndAnyEventWinsOverIt() {
        apply(5, 0, FIRST, NOW.minusSeconds(10));
        assertThat(snapshots.fillIfAbsent(5, SECOND, NOW)).isFalse();
        assertThat(snapshots.find(CustomerId.parse("5")).flatMap(CustomerLookup::customer).map(CustomerInfo::name))
                .contains("홍길동");

        assertThat(snapshots.fillIfAbsent(6, FIRST, NOW.minusSeconds(5))).isTrue();
        assertThat(snapshots.find(CustomerId.parse("6")).flatMap(CustomerLookup::asOf)).contains(NOW.minusSeconds(5));
        // Sequence 0, the lowest an event can carry, still wins over a filled row.
        assertThat(apply(6, 0, SECOND, NOW.minusSeconds(20))).isEqualTo(Outcome.APPLIED);
        assertThat(snapshots.find(CustomerId.parse("6")).flatMap(CustomerLookup::customer).map(CustomerInfo::name))
                .contains("홍길순");
    }

    @Test
    void anEventStampedInTheFutureIsNotShownYoungerThanNow() {
        apply(7, 1, FIRST, NOW.plusSeconds(3600));

        assertThat(snapshots.find(CustomerId.parse("7")).flatMap(CustomerLookup::asOf)).contains(NOW);
    }

    @Test
    void processedEventIdsAreForgottenByAgeAndTheSequenceStillGuards() {
        String eventId = UUID.randomUUID().toString();
        snapshots.apply(eventId, 8, 1, FIRST, NOW);

        assertThat(snapshots.forgetEventsProcessedBefore(NOW)).isZero();
        assertThat(snapshots.forgetEventsProcessedBefore(NOW.plusSeconds(1))).isEqualTo(1);
        assertThat(snapshots.apply(eventId, 8, 1, SECOND, NOW)).isEqualTo(Outcome.STALE);
    }

    @Test
    void theInitialFillIsRecordedOnce() {
        assertThat(snapshots.initialFillCompleted()).isFalse();
        snapshots.initialFillCompleted(NOW);
        snapshots.initialFillCompleted(NOW);
        assertThat(snapshots.initialFillCompleted()).isTrue();
    }

    private Outcome apply(long customerId, long sequence, CustomerInfo customer, Instant occurredAt) {
        return snapshots.apply(UUID.randomUUID().toString(), customerId, sequence, customer, occurredAt);
    }

    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }
}
