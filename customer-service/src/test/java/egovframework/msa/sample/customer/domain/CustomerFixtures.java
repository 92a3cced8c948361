package egovframework.msa.sample.customer.domain;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Valid sample values shared by the customer tests. */
public final class CustomerFixtures {

    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC);

    private CustomerFixtures() {
    }

    /** Details with an e-mail address of the name's own (e-mail addresses are unique across customers). */
    public static CustomerDetails details(String name) {
        return details(name, emailOf(name));
    }

    public static CustomerDetails details(String name, String email) {
        return new CustomerDetails(new CustomerName(name), new Email(email), new PhoneNumber("010-1234-5678"),
                new Address("30103", "세종특별자치시 도움6로 11"));
    }

    /** c-<the name's UTF-8 bytes in hex>@example.go.kr: one address per name, none of the seed data's. */
    public static String emailOf(String name) {
        StringBuilder local = new StringBuilder("c-");
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            local.append(String.format("%02x", b));
        }
        return local + "@example.go.kr";
    }
}
