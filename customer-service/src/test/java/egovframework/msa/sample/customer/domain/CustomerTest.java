package egovframework.msa.sample.customer.domain;

import org.junit.jupiter.api.Test;

import static egovframework.msa.sample.customer.domain.CustomerFixtures.CLOCK;
import static egovframework.msa.sample.customer.domain.CustomerFixtures.details;
import static org.assertj.core.api.Assertions.assertThat;

class CustomerTest {

    @Test
    void registeringRecordsARegisteredEvent() {
        Customer customer = Customer.register(CustomerId.of(7), details("홍길동"), CLOCK);

        assertThat(customer.id()).isEqualTo(CustomerId.of(7));
        assertThat(customer.details()).isEqualTo(details("홍길동"));
        assertThat(customer.pullEvents()).hasSize(1).first()
                .isInstanceOf(CustomerEvent.Registered.class)
                .satisfies(e -> assertThat(e.occurredAt()).isEqualTo(CLOCK.instant()))
                .satisfies(e -> assertThat(e.sequence()).as("the version of a new row").isZero())
                .satisfies(e -> assertThat(e.details()).contains(details("홍길동")));
        assertThat(customer.pullEvents()).as("events are handed over once").isEmpty();
    }

    @Test
    void changingRecordsAnEventOnlyWhenSomethingChanged() {
        Customer customer = Customer.register(CustomerId.of(7), details("홍길동"), CLOCK);
        customer.pullEvents();

        customer.change(details("홍길동"), CLOCK);
        assertThat(customer.pullEvents()).isEmpty();

        customer.change(details("성춘향"), CLOCK);
        assertThat(customer.details().name()).isEqualTo(new CustomerName("성춘향"));
        assertThat(customer.pullEvents()).hasSize(1).first().isInstanceOf(CustomerEvent.Changed.class)
                .satisfies(e -> assertThat(e.sequence()).isEqualTo(1))
                .satisfies(e -> assertThat(e.details()).contains(details("성춘향")));
    }

    @Test
    void deletingRecordsADeletedEvent() {
        Customer customer = Customer.register(CustomerId.of(7), details("홍길동"), CLOCK);
        customer.pullEvents();

        customer.delete(CLOCK);

        assertThat(customer.pullEvents()).hasSize(1).first()
                .isInstanceOf(CustomerEvent.Deleted.class)
                .satisfies(e -> assertThat(e.customerId()).isEqualTo(CustomerId.of(7)))
                .satisfies(e -> assertThat(e.sequence()).isEqualTo(1))
                .satisfies(e -> assertThat(e.details()).isEmpty());
    }
}
