package egovframework.msa.sample.catalogs.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"1", "1234", "999999999999999999"})
    void acceptsPositiveNumbers(String text) {
        assertThat(CustomerId.parse(text).value()).isEqualTo(text);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"abc", "0", "0123", "-1", "1234567890123456789", "12 34", "..%2f"})
    void refusesEverythingElse(String text) {
        assertThatThrownBy(() -> CustomerId.parse(text)).isInstanceOf(InvalidCustomerIdException.class);
    }
}
