package egovframework.msa.sample.customer.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Valid sample values shared by the customer tests. */
public final class CustomerFixtures {

    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC);

    private CustomerFixtures() {
    }

    public static CustomerDetails details(String name) {
        return new CustomerDetails(new CustomerName(name), new Email("a@example.go.kr"), new PhoneNumber("010-1234-5678"),
                new Address("30103", "세종특별자치시 도움6로 11"));
    }
}
