package egovframework.msa.sample.customer.infrastructure.events;

import egovframework.msa.sample.customer.ConfigRepo;

/**
 * Settings shared by the tests that start the whole service (mock web environment, no config server, no
 * registry): the service reads config-repo's application.yml and customer.yml as the config server would
 * serve them, so the tests run with the suite's real relay and RabbitMQ settings.
 */
final class EventsTest {

    static final String NAME = "spring.application.name=customer";
    static final String CONFIG_NAMES = ConfigRepo.NAMES;
    static final String CONFIG_REPO = ConfigRepo.LOCATION;
    /** Each context gets a database of its own: contexts stay cached, and relays must not share an outbox. */
    static final String DATABASE = "spring.datasource.url=jdbc:h2:mem:events-${random.uuid};DB_CLOSE_DELAY=-1";
    static final String SECRET = "suite.security.jwt.hmac-secret=test-key-of-at-least-thirty-two-bytes-0123456789";

    private EventsTest() {
    }
}
