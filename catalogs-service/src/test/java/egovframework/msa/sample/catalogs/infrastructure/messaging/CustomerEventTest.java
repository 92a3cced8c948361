package egovframework.msa.sample.catalogs.infrastructure.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENT_ID = "3f2b8c1e-6a4d-4e0f-9b7a-2c5d8e1f0a9b";

    @Test
    void readsAChangeWithTheCustomerAsCustomerServiceShowsIt() {
        CustomerEvent event = parse("{\"eventId\":\"" + EVENT_ID + "\",\"type\":\"changed\",\"customerId\":1234,"
                + "\"sequence\":7,\"occurredAt\":\"2026-03-01T12:00:00.123Z\",\"customer\":{\"id\":1234,"
                + "\"name\":\"홍길동\",\"email\":\"gildong@example.go.kr\",\"phone\":\"010-1234-5678\","
                + "\"address\":{\"zipCode\":\"03154\",\"street\":\"세종대로 209\"}},\"somethingNew\":true}");

        assertThat(event.eventId()).isEqualTo(EVENT_ID);
        assertThat(event.type()).isEqualTo(CustomerEvent.Type.CHANGED);
        assertThat(event.customerId()).isEqualTo(1234);
        assertThat(event.sequence()).isEqualTo(7);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-03-01T12:00:00.123Z"));
        assertThat(event.customer().describe()).isEqualTo("name=홍길동, email=gildong@example.go.kr, phone=010-1234-5678");
    }

    @Test
    void aDeletionCarriesNoCustomer() {
        CustomerEvent event = parse("{\"eventId\":\"" + EVENT_ID + "\",\"type\":\"deleted\",\"customerId\":1234,"
                + "\"sequence\":0,\"occurredAt\":\"2026-03-01T12:00:00Z\",\"customer\":null}");

        assertThat(event.type()).isEqualTo(CustomerEvent.Type.DELETED);
        assertThat(event.customer()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json",
            "[1,2]",
            "{\"eventId\":\"x\",\"type\":\"changed\",\"customerId\":1,\"sequence\":1,\"occurredAt\":\"2026-03-01T12:00:00Z\",\"customer\":{\"name\":\"a\"}}",
            "{\"eventId\":\"" + EVENT_ID + "\",\"type\":\"exploded\",\"customerId\":1,\"sequence\":1,\"occurredAt\":\"2026-03-01T12:00:00Z\",\"customer\":{\"name\":\"a\"}}",
            "{\"eventId\":\"" + EVENT_ID + "\",\"type\":\"changed\",\"customerId\":0,\"sequence\":1,\"occurredAt\":\"2026-03-01T12:00:00Z\",\"customer\":{\"name\":\"a\"}}",
            "{\"eventId\":\"" + EVENT_ID + "\",\"type\":\"changed\",\"customerId\":\"12\",\"sequence\":1,\"occurredAt\":\"2026-03-01T12:00:00Z\",\"customer\":{\"name\":\"a\"}}",
            "{\"eventId\":\"" + EVENT_ID + "\",\"type\":\"changed\",\"customerId\":1,\"sequence\":-1,\"occurredAt\":\"2026-03-01T12:00:00Z\",\"customer\":{\"name\":\"a\"}}",
            "{\"eventId\":\"" + EVENT_ID + "\",\"type\":\"changed\",\"customerId\":1,\"sequence\":1.5,\"occurredAt\":\"2026-03-01T12:00:00Z\",\"customer\":{\"name\":\"a\"}}",
            "{\"eventId\":\"" + EVENT_ID + "\",\"type\":\"changed\",\"customerId\":1,\"sequence\":1,\"occurredAt\":\"yesterday\",\"customer\":{\"name\":\"a\"}}",
            "{\"eventId\":\"" + EVENT_ID + "\",\"type\":\"changed\",\"customerId\":1,\"sequence\":1,\"occurredAt\":\"2026-03-01T12:00:00Z\",\"customer\":null}",
            "{\"eventId\":\"" + EVENT_ID + "\",\"type\":\"registered\",\"customerId\":1,\"sequence\":1,\"occurredAt\":\"2026-03-01T12:00:00Z\",\"customer\":{\"email\":\"a@b.c\"}}",
            "{\"eventId\":\"" + EVENT_ID + "\",\"type\":\"changed\",\"customerId\":1,\"sequence\":1,\"occurredAt\":\"2026-03-01T12:00:00Z\",\"customer\":{\"id\":2,\"name\":\"a\"}}"
    })
    void anythingElseIsInvalid(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(InvalidCustomerEventException.class);
    }

    /** The message names the first fault in the order the fields are checked, wherever it stands in the body. */
    @ParameterizedTest
    @MethodSource("faults")
    void eachFaultHasItsOwnMessage(String body, String message) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(InvalidCustomerEventException.class).hasMessage(message);
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("", "not a JSON object"),
                Arguments.of("null", "not a JSON object"),
                Arguments.of("[1,2]", "not a JSON object"),
                Arguments.of("\"text\"", "not a JSON object"),
                Arguments.of("12", "not a JSON object"),
                Arguments.of("not json", "not JSON"),
                Arguments.of("{\"eventId\":", "not JSON"),
                Arguments.of(event("\"customer\":{\"name\":tru}"), "not JSON"),
                Arguments.of(event("\"somethingNew\":[1,}"), "not JSON"),
                Arguments.of("{}", "eventId missing"),
                Arguments.of(event("\"eventId\":12"), "eventId missing"),
                Arguments.of(event("\"eventId\":{\"id\":\"" + EVENT_ID + "\"}"), "eventId missing"),
                Arguments.of(event("\"eventId\":\"x\""), "eventId is not a UUID"),
                Arguments.of("{\"occurredAt\":{},\"type\":[],\"eventId\":\"x\"}", "eventId is not a UUID"),
                Arguments.of(event("\"type\":\"CHANGED\""), "type must be registered, changed or deleted"),
                Arguments.of(event("\"type\":[\"changed\"]"), "type must be registered, changed or deleted"),
                Arguments.of(event("\"customerId\":\"12\""), "customerId must be a whole number"),
                Arguments.of(event("\"customerId\":12.0"), "customerId must be a whole number"),
                Arguments.of(event("\"customerId\":99999999999999999999"), "customerId must be a whole number"),
                Arguments.of(event("\"customerId\":0"), "customerId must be a positive number"),
                Arguments.of(event("\"sequence\":null"), "sequence must be a whole number"),
                Arguments.of(event("\"sequence\":{}"), "sequence must be a whole number"),
                Arguments.of(event("\"sequence\":-1"), "sequence must not be negative"),
                Arguments.of(event("\"occurredAt\":1772366400"), "occurredAt must be an ISO-8601 instant"),
                Arguments.of(event("\"customer\":null"), "customer with a name required for registered and changed"),
                Arguments.of(event("\"customer\":{\"name\":\" \"}"), "customer with a name required for registered and changed"),
                Arguments.of(event("\"customer\":{\"id\":2,\"name\":\"a\"}"), "customer.id differs from customerId"),
                Arguments.of(event("\"customer\":{\"name\":\"a\",\"phone\":\"" + "1".repeat(41) + "\"}"),
                        "customer field longer than the read model stores"));
    }

    @Test
    void aRepeatedFieldKeepsItsLastValueAsInAJsonObject() {
        CustomerEvent event = parse(event("\"type\":\"deleted\""));

        assertThat(event.type()).isEqualTo(CustomerEvent.Type.DELETED);
        assertThat(event.customer()).isNull();
    }

    @Test
    void aValueLongerThanTheReadModelStoresIsInvalid() {
        String body = "{\"eventId\":\"" + EVENT_ID + "\",\"type\":\"changed\",\"customerId\":1,\"sequence\":1,"
                + "\"occurredAt\":\"2026-03-01T12:00:00Z\",\"customer\":{\"name\":\"" + "가".repeat(201) + "\"}}";

        assertThatThrownBy(() -> parse(body)).isInstanceOf(InvalidCustomerEventException.class);
    }

    /** A valid change of customer 1 with {@code more} fields appended; a repeated field keeps its last value. */
    private static String event(String more) {
        return "{\"eventId\":\"" + EVENT_ID + "\",\"type\":\"changed\",\"customerId\":1,\"sequence\":1,"
                + "\"occurredAt\":\"2026-03-01T12:00:00Z\",\"customer\":{\"id\":1,\"name\":\"a\"}," + more + "}";
    }

    private static CustomerEvent parse(String body) {
        return CustomerEvent.parse(body.getBytes(StandardCharsets.UTF_8), JSON);
    }
}
