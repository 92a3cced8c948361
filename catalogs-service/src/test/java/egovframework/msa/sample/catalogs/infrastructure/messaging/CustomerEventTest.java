package egovframework.msa.sample.catalogs.infrastructure.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

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

    @Test
    void aValueLongerThanTheReadModelStoresIsInvalid() {
        String body = "{\"eventId\":\"" + EVENT_ID + "\",\"type\":\"changed\",\"customerId\":1,\"sequence\":1,"
                + "\"occurredAt\":\"2026-03-01T12:00:00Z\",\"customer\":{\"name\":\"" + "가".repeat(201) + "\"}}";

        assertThatThrownBy(() -> parse(body)).isInstanceOf(InvalidCustomerEventException.class);
    }

    private static CustomerEvent parse(String body) {
        return CustomerEvent.parse(body.getBytes(StandardCharsets.UTF_8), JSON);
    }
}
