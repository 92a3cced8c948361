package egovframework.msa.sample.catalogs.infrastructure.client;

import egovframework.msa.sample.catalogs.domain.CustomerId;
import egovframework.msa.sample.catalogs.domain.CustomerLookup;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerServiceFallbackTest {

    private final CustomerServiceFallback fallback = new CustomerServiceFallback();

    @Test
    void answersAtOnceThatCustomerDataIsUnavailable() {
        CustomerLookup lookup = fallback.lookup(CustomerId.parse("1234"), new RuntimeException("Hystrix circuit short-circuited and is OPEN"));

        assertThat(lookup.isFallback()).isTrue();
        assertThat(lookup.customer()).isEmpty();
        assertThat(lookup.describe()).isEqualTo("customer service unavailable");
    }

    @Test
    void describesTheRootCauseForTheLog() {
        RuntimeException cause = new IllegalStateException("I/O error", new ConnectException("Connection refused"));

        assertThat(CustomerServiceFallback.describe(cause)).contains("I/O error").contains("Connection refused");
        assertThat(CustomerServiceFallback.describe(null)).isEqualTo("no cause reported");
    }
}
