package egovframework.msa.sample.support.logging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class OneLineTest {

    static Stream<Arguments> controlCharacters() {
        return Stream.of(
                Arguments.of("id-1\r\n2026-01-01 12:00:00.000  INFO 1 --- [main] forged",
                        "id-1\\r\\n2026-01-01 12:00:00.000  INFO 1 --- [main] forged"),
                Arguments.of("a\nb", "a\\nb"),
                Arguments.of("a\rb", "a\\rb"),
                Arguments.of("bell\u0007 escape\u001b[31m del\u007f nel\u0085", "bell\\u0007 escape\\u001b[31m del\\u007f nel\\u0085"),
                Arguments.of("line\u2028separator\u2029paragraph", "line\\u2028separator\\u2029paragraph"));
    }

    @ParameterizedTest
    @MethodSource("controlCharacters")
    void controlCharactersBecomeEscapes(String text, String escaped) {
        assertThat(OneLine.escape(text)).isEqualTo(escaped).doesNotContain("\n", "\r");
    }

    @Test
    void plainTextAndTabsStayTheSameInstance() {
        String text = "GET /customers/1234 200 3 ms\tclient=127.0.0.1 subject=홍길동";
        assertThat(OneLine.escape(text)).isSameAs(text);
        assertThat(OneLine.escape(null)).isNull();
    }
}
