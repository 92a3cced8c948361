package egovframework.msa.sample.customer.infrastructure.events;

import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;

/** The outbox on the default database: in-memory H2. */
@JdbcTest
@Import(OutboxStore.class)
class OutboxStoreTest extends OutboxStoreContract {
}
