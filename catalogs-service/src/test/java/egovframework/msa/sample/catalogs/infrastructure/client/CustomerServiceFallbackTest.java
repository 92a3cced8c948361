package egovframework.msa.sample.catalogs.infrastructure.client;

import egovframework.msa.sample.catalogs.domain.CustomerId;
import egovframework.msa.sample.catalogs.domain.CustomerInfo;
import egovframework.msa.sample.catalogs.domain.CustomerLookup;
import egovframework.msa.sample.catalogs.domain.LastKnownCustomers;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerServiceFallbackTest {

    private static final Instant AS_OF = Instant.parse("2026-01-02T03:04:05Z");
    private static final CustomerInfo HONG = new CustomerInfo("홍길동", "gildong@example.go.kr", "010-1234-5678");
    private static final RuntimeException REFUSED =
            new ResourceAccessException("I/O error", new ConnectException("Connection refused"));

    /** The read model knows customer 1234 only. */
    private final LastKnownCustomers readModel = id -> Optional.ofNullable(
            Map.of(CustomerId.parse("1234"), CustomerLookup.lastKnown(HONG, AS_OF)).get(id));
    private final CustomerServiceFallback fallback = new CustomerServiceFallback(readModel);

    @Test
    void answersWithTheLastKnownDetailsAndTheirAge() {
        CustomerLookup lookup = fallback.lookup(CustomerId.parse("1234"), REFUSED);

        assertThat(lookup.isFallback()).isTrue();
        assertThat(lookup.isLastKnown()).isTrue();
        assertThat(lookup.customer()).contains(HONG);
        assertThat(lookup.asOf()).contains(AS_OF);
        assertThat(lookup.ageAt(AS_OF.plusSeconds(42))).contains(Duration.ofSeconds(42));
        assertThat(lookup.describe(AS_OF.plusSeconds(42)))
                .isEqualTo("name=홍길동, email=gildong@example.go.kr, phone=010-1234-5678 (last known, 42 s old)");
    }

    @Test
    void lastKnownDetailsAreMaskedExactlyLikeLiveOnes() {
        CustomerLookup masked = fallback.lookup(CustomerId.parse("1234"), REFUSED).masked();

        assertThat(masked.customer().map(CustomerInfo::describe))
                .contains(CustomerLookup.found(HONG).masked().customer().orElseThrow().describe())
                .contains("name=홍*동, email=gi*****@example.go.kr, phone=010-****-5678");
        assertThat(masked.asOf()).contains(AS_OF);
        assertThat(masked.describe(AS_OF.plusSeconds(7)))
                .isEqualTo("name=홍*동, email=gi*****@example.go.kr, phone=010-****-5678 (last known, 7 s old)");
    }

    @Test
    void aCustomerTheReadModelNeverSawIsUnavailableAndEveryFallbackIsCounted() {
        for (int i = 0; i < 3; i++) {
            CustomerLookup lookup = fallback.lookup(CustomerId.parse("5678"), REFUSED);
            assertThat(lookup.isFallback()).isTrue();
            assertThat(lookup.customer()).isEmpty();
            assertThat(lookup.describe(Instant.now())).isEqualTo("customer service unavailable");
        }
        fallback.lookup(CustomerId.parse("1234"), REFUSED);
        assertThat(fallback.served()).isEqualTo(4);
    }

    @Test
    void aReadModelThatFailsStillGivesAnAnswer() {
        CustomerServiceFallback broken = new CustomerServiceFallback(id -> {
            throw new IllegalStateException("database gone");
        });

        assertThat(broken.lookup(CustomerId.parse("1234"), REFUSED).describe(Instant.now()))
                .isEqualTo("customer service unavailable");
    }
}
