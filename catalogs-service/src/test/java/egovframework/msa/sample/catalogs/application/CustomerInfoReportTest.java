package egovframework.msa.sample.catalogs.application;

import egovframework.msa.sample.catalogs.domain.CustomerId;
import egovframework.msa.sample.catalogs.domain.CustomerInfo;
import egovframework.msa.sample.catalogs.domain.CustomerLookup;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerInfoReportTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1594991787610L), ZoneOffset.UTC);

    @Test
    void keepsTheGuidesEnvelopeAroundTheCustomerDetails() {
        CustomerInfoService service = new CustomerInfoService(
                id -> CustomerLookup.found(new CustomerInfo("홍길동", "gildong.hong@example.go.kr", "010-1234-5678")), CLOCK);

        assertThat(service.report(CustomerId.parse("1234"), true).toGuideFormat())
                .isEqualTo("[Customer id = 1234 at 1594991787610 name=홍길동, email=gildong.hong@example.go.kr,"
                        + " phone=010-1234-5678 ]");
    }

    @Test
    void fallbackKeepsTheEnvelopeWithAClearMarker() {
        CustomerInfoService service = new CustomerInfoService(id -> CustomerLookup.unavailable(), CLOCK);

        assertThat(service.report(CustomerId.parse("1234"), false).toGuideFormat())
                .isEqualTo("[Customer id = 1234 at 1594991787610 customer service unavailable ]");
    }

    @Test
    void lastKnownDetailsSayHowOldTheyAreAndAreMaskedLikeLiveOnes() {
        CustomerInfoService service = new CustomerInfoService(id -> CustomerLookup.lastKnown(
                new CustomerInfo("홍길동", "gildong.hong@example.go.kr", "010-1234-5678"),
                Instant.ofEpochMilli(1594991787610L - 42_900)), CLOCK);

        CustomerInfoReport masked = service.report(CustomerId.parse("1234"), false);
        CustomerInfoReport full = service.report(CustomerId.parse("1234"), true);

        assertThat(masked.toGuideFormat()).isEqualTo("[Customer id = 1234 at 1594991787610 name=홍*동,"
                + " email=gi**********@example.go.kr, phone=010-****-5678 (last known, 42 s old) ]");
        assertThat(masked.masked()).isTrue();
        assertThat(masked.age()).contains(Duration.ofMillis(42_900));
        assertThat(full.toGuideFormat()).isEqualTo("[Customer id = 1234 at 1594991787610 name=홍길동,"
                + " email=gildong.hong@example.go.kr, phone=010-1234-5678 (last known, 42 s old) ]");
        assertThat(full.masked()).isFalse();
    }

    @Test
    void callersWithoutTheRightToPersonalDataSeeItMasked() {
        CustomerInfoService service = new CustomerInfoService(
                id -> CustomerLookup.found(new CustomerInfo("홍길동", "gildong.hong@example.go.kr", "010-1234-5678")), CLOCK);

        CustomerInfoReport report = service.report(CustomerId.parse("1234"), false);

        assertThat(report.toGuideFormat()).isEqualTo("[Customer id = 1234 at 1594991787610 name=홍*동,"
                + " email=gi**********@example.go.kr, phone=010-****-5678 ]");
        assertThat(report.masked()).isTrue();
    }
}
