package egovframework.msa.sample.catalogs.infrastructure.client;

import egovframework.msa.sample.catalogs.domain.CustomerId;
import egovframework.msa.sample.catalogs.domain.CustomerLookup;
import egovframework.msa.sample.catalogs.domain.LastKnownCustomers;
import egovframework.msa.sample.support.resilience.FallbackLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What catalogs shows when customer-service is down, slow, failing or its circuit is open: an answer
 * right away instead of an error page. That is the customer as catalogs last knew it (its read model, fed
 * by customer events), marked with its age; only a customer catalogs never heard of gets "customer service
 * unavailable". Fallbacks are counted and logged at most once per 10 s, so a dependency that is down does
 * not flood the log.
 */
@Component
class CustomerServiceFallback {

    private static final Logger logger = LoggerFactory.getLogger(CustomerServiceFallback.class);

    private final FallbackLog log = new FallbackLog(logger, "Customer lookups served from fallback");
    private final FallbackLog readModelLog = new FallbackLog(logger, "Read model could not be read in a fallback");
    private final LastKnownCustomers lastKnown;

    CustomerServiceFallback(LastKnownCustomers lastKnown) {
        this.lastKnown = lastKnown;
    }

    CustomerLookup lookup(CustomerId id, Throwable cause) {
        log.record(FallbackLog.describe(cause));
        try {
            return lastKnown.find(id).orElseGet(CustomerLookup::unavailable);
        } catch (RuntimeException e) {
            // A fallback that throws turns an outage into an error page; "unavailable" is still an answer.
            readModelLog.record(FallbackLog.describe(e));
            return CustomerLookup.unavailable();
        }
    }

    long served() {
        return log.total();
    }
}
