package egovframework.msa.sample.customer.infrastructure.events;

import egovframework.msa.sample.customer.domain.CustomerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The in-process subscriber of customer events: it writes each committed event to the log. A message
 * broker publisher would subscribe the same way.
 */
@Component
class CustomerEventLog {

    private static final Logger log = LoggerFactory.getLogger(CustomerEventLog.class);

    @TransactionalEventListener
    void on(CustomerEvent event) {
        log.info("Domain event {}", event);
    }
}
