package egovframework.msa.sample.catalogs.infrastructure.client;

import egovframework.msa.sample.catalogs.domain.CustomerId;
import egovframework.msa.sample.catalogs.domain.CustomerLookup;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerServiceFallbackTest {

    private final CustomerServiceFallback fallback = new CustomerServiceFallback();

    @Test
    void answersAtOnceThatCustomerDataIsUnavailableAndCountsIt() {
        for (int i = 0; i < 3; i++) {
            CustomerLookup lookup = fallback.lookup(CustomerId.parse("1234"),
                    new ResourceAccessException("I/O error", new ConnectException("Connection refused")));
            assertThat(lookup.isFallback()).isTrue();
            assertThat(lookup.customer()).isEmpty();
            assertThat(lookup.describe()).isEqualTo("customer service unavailable");
        }
        assertThat(fallback.served()).isEqualTo(3);
    }
}
