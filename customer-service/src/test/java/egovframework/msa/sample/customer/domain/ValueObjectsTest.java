package egovframework.msa.sample.customer.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueObjectsTest {

    @Test
    void customerIdParsesPositiveNumbers() {
        assertThat(CustomerId.parse("1234")).isEqualTo(CustomerId.of(1234));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"abc", "0", "-1", "12a", " 12", "1234567890123456789", "１２"})
    void customerIdRefusesAnythingElseNamingTheField(String text) {
        assertThatThrownBy(() -> CustomerId.parse(text))
                .isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("id"));
    }

    @Test
    void nameKeepsKoreanAndTrimsSpaces() {
        assertThat(new CustomerName("  홍길동 ").value()).isEqualTo("홍길동");
    }

    @Test
    void nameCountsCharactersNotBytes() {
        assertThat(new CustomerName("가".repeat(50)).value()).hasSize(50);
        assertThatThrownBy(() -> new CustomerName("가".repeat(51))).hasMessageContaining("at most 50");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "line\nbreak", "tab\there"})
    void nameRefusesBlankAndControlCharacters(String text) {
        assertThatThrownBy(() -> new CustomerName(text)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void emailIsLowerCasedSoTwoSpellingsAreEqual() {
        assertThat(new Email("Gildong.Hong@Example.GO.kr")).isEqualTo(new Email("gildong.hong@example.go.kr"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "a@b", "a@@b.kr", "a b@c.kr", "@example.go.kr"})
    void emailRefusesMalformedAddresses(String text) {
        assertThatThrownBy(() -> new Email(text))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("e-mail");
    }

    @ParameterizedTest
    @ValueSource(strings = {"010-1234-5678", "02-123-4567", "031-123-4567"})
    void phoneAcceptsKoreanNumbers(String text) {
        assertThat(new PhoneNumber(text).value()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"01012345678", "+82-10-1234-5678", "010-12-5678", "phone"})
    void phoneRefusesOtherFormats(String text) {
        assertThatThrownBy(() -> new PhoneNumber(text)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void addressNeedsAFiveDigitPostcodeAndAStreet() {
        assertThat(new Address("30103", "세종특별자치시 도움6로 11")).isEqualTo(new Address("30103", "세종특별자치시 도움6로 11"));
        assertThatThrownBy(() -> new Address("3010", "street"))
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("address.zipCode"));
        assertThatThrownBy(() -> new Address("30103", " "))
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("address.street"));
    }
}
