package egovframework.msa.sample.customer.application;

import egovframework.msa.sample.customer.domain.Customer;
import egovframework.msa.sample.customer.domain.CustomerDetails;
import egovframework.msa.sample.customer.domain.CustomerEvent;
import egovframework.msa.sample.customer.domain.CustomerId;
import egovframework.msa.sample.customer.domain.CustomerPage;
import egovframework.msa.sample.customer.domain.CustomerNotFoundException;
import egovframework.msa.sample.customer.domain.CustomerRepository;
import egovframework.msa.sample.customer.domain.Email;
import egovframework.msa.sample.customer.domain.EmailAlreadyUsedException;
import egovframework.msa.sample.customer.domain.EmailUniqueness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static egovframework.msa.sample.customer.domain.CustomerFixtures.CLOCK;
import static egovframework.msa.sample.customer.domain.CustomerFixtures.details;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerServiceTest {

    private final InMemoryCustomers customers = new InMemoryCustomers();
    private final List<Object> published = new ArrayList<>();
    private final CustomerService service = new CustomerService(customers, new EmailUniqueness(customers), published::add, CLOCK);

    @Test
    void registerStoresTheCustomerUnderANewIdAndPublishesTheEvent() {
        Customer customer = service.register(details("홍길동"));

        assertThat(customer.id()).isEqualTo(CustomerId.of(10_000));
        assertThat(customers.findById(customer.id())).isPresent();
        assertThat(published).hasSize(1).first().isInstanceOf(CustomerEvent.Registered.class);
    }

    @Test
    void changeAndDeletePublishTheirEvents() {
        CustomerId id = service.register(details("홍길동")).id();

        service.change(id, details("성춘향"));
        service.delete(id);

        assertThat(published).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Registered", "Changed", "Deleted");
        assertThat(customers.findById(id)).isEmpty();
    }

    @Test
    void unknownIdsAreReportedAndNothingIsPublished() {
        assertThatThrownBy(() -> service.change(CustomerId.of(42), details("홍길동")))
                .isInstanceOf(CustomerNotFoundException.class);
        assertThatThrownBy(() -> service.delete(CustomerId.of(42))).isInstanceOf(CustomerNotFoundException.class);
        assertThat(published).isEmpty();
    }

    @Test
    void registeringWithAnotherCustomersEmailIsRefusedAndWritesNothing() {
        Customer first = service.register(details("홍길동", "gildong.hong@example.go.kr"));
        published.clear();

        assertThatThrownBy(() -> service.register(details("성춘향", "GILDONG.HONG@example.go.kr")))
                .isInstanceOf(EmailAlreadyUsedException.class);

        assertThat(customers.findPage(0, 10).totalElements()).isEqualTo(1);
        assertThat(customers.findById(first.id())).get().satisfies(c -> assertThat(c.details().name().value()).isEqualTo("홍길동"));
        assertThat(published).isEmpty();
    }

    @Test
    void changingToAnotherCustomersEmailIsRefusedAndWritesNothing() {
        service.register(details("홍길동", "gildong.hong@example.go.kr"));
        CustomerId other = service.register(details("성춘향", "chunhyang@example.go.kr")).id();
        published.clear();

        assertThatThrownBy(() -> service.change(other, details("성춘향", "gildong.hong@example.go.kr")))
                .isInstanceOf(EmailAlreadyUsedException.class);

        assertThat(customers.findById(other).orElseThrow().details().email()).isEqualTo(new Email("chunhyang@example.go.kr"));
        assertThat(published).isEmpty();
    }

    @Test
    void changingWhileKeepingOnesOwnEmailIsAllowed() {
        CustomerId id = service.register(details("홍길동", "gildong.hong@example.go.kr")).id();

        service.change(id, details("홍길순", "gildong.hong@example.go.kr"));

        assertThat(customers.findById(id).orElseThrow().details().name().value()).isEqualTo("홍길순");
    }

    @Test
    void listReturnsThePageAndTheTotal() {
        for (int i = 0; i < 5; i++) {
            service.register(details("고객" + i));
        }

        CustomerPage page = service.list(1, 2);

        assertThat(page.customers()).extracting(c -> c.id().value()).containsExactly(10_002L, 10_003L);
        assertThat(page.totalElements()).isEqualTo(5);
        assertThat(page.totalPages()).isEqualTo(3);
    }

    /** A plain in-memory implementation of the domain interface. */
    static final class InMemoryCustomers implements CustomerRepository {
        private final Map<CustomerId, Customer> store = new TreeMap<>((a, b) -> Long.compare(a.value(), b.value()));
        private long next = 10_000;

        @Override
        public CustomerId nextId() {
            return CustomerId.of(next++);
        }

        @Override
        public Optional<Customer> findById(CustomerId id) {
            return Optional.ofNullable(store.get(id));
        }

        @Override
        public CustomerPage findPage(int page, int size) {
            return new CustomerPage(store.values().stream().skip((long) page * size).limit(size).collect(Collectors.toList()),
                    page, size, store.size());
        }

        @Override
        public boolean existsByEmail(Email email, CustomerId excluding) {
            return store.values().stream().anyMatch(c -> !c.id().equals(excluding) && c.details().email().equals(email));
        }

        @Override
        public Customer save(Customer customer) {
            store.put(customer.id(), customer);
            return customer;
        }

        @Override
        public void delete(Customer customer) {
            store.remove(customer.id());
        }
    }
}
