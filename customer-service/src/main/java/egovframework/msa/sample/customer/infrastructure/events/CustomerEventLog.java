package egovframework.msa.sample.customer.infrastructure.events;

import egovframework.msa.sample.customer.domain.CustomerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Writes each committed customer event to the log. Other services get the events through the outbox
 * (OutboxWriter, inside the transaction) and the relay to RabbitMQ (OutboxRelay), not from here.
 */
@Component
class CustomerEventLog {

    private static final Logger log = LoggerFactory.getLogger(CustomerEventLog.class);

    @TransactionalEventListener
    void on(CustomerEvent event) {
        log.info("Domain event {}", event);
    }
}
