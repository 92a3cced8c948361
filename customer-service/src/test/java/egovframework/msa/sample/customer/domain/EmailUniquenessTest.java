package egovframework.msa.sample.customer.domain;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailUniquenessTest {

    private final Owners owners = new Owners();
    private final EmailUniqueness uniqueness = new EmailUniqueness(owners);

    @Test
    void anAddressNobodyUsesIsFree() {
        owners.put("gildong.hong@example.go.kr", 1234);

        assertThatCode(() -> uniqueness.requireUnusedByOthers(new Email("chunhyang@example.go.kr"), CustomerId.of(10_000)))
                .doesNotThrowAnyException();
    }

    @Test
    void anAddressAnotherCustomerUsesIsRefused() {
        owners.put("gildong.hong@example.go.kr", 1234);

        assertThatThrownBy(() -> uniqueness.requireUnusedByOthers(new Email("gildong.hong@example.go.kr"), CustomerId.of(10_000)))
                .isInstanceOf(EmailAlreadyUsedException.class)
                .hasMessageNotContaining("gildong");
    }

    @Test
    void spellingsOfOneAddressAreOneAddress() {
        owners.put("gildong.hong@example.go.kr", 1234);

        assertThatThrownBy(() -> uniqueness.requireUnusedByOthers(new Email("GilDong.Hong@Example.go.kr"), CustomerId.of(1235)))
                .isInstanceOf(EmailAlreadyUsedException.class);
    }

    @Test
    void keepingOnesOwnAddressIsNoConflict() {
        owners.put("gildong.hong@example.go.kr", 1234);

        assertThatCode(() -> uniqueness.requireUnusedByOthers(new Email("gildong.hong@example.go.kr"), CustomerId.of(1234)))
                .doesNotThrowAnyException();
    }

    /** Who uses which address; only the query EmailUniqueness asks is answered. */
    private static final class Owners implements CustomerRepository {
        private final Map<String, Long> byEmail = new HashMap<>();

        void put(String email, long id) {
            byEmail.put(email, id);
        }

        @Override
        public boolean existsByEmail(Email email, CustomerId excluding) {
            Long owner = byEmail.get(email.value());
            return owner != null && owner != excluding.value();
        }

        @Override
        public CustomerId nextId() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Customer> findById(CustomerId id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CustomerPage findPage(int page, int size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Customer save(Customer customer) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(Customer customer) {
            throw new UnsupportedOperationException();
        }
    }
}
