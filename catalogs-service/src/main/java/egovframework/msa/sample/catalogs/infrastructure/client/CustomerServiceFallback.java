package egovframework.msa.sample.catalogs.infrastructure.client;

import egovframework.msa.sample.catalogs.domain.CustomerId;
import egovframework.msa.sample.catalogs.domain.CustomerLookup;
import egovframework.msa.sample.support.resilience.FallbackLog;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What catalogs shows when customer-service is down, slow, failing or its circuit is open: an answer
 * right away that says the customer data is unavailable, instead of an error page. Fallbacks are counted
 * and logged at most once per 10 s, so a dependency that is down does not flood the log.
 */
@Component
class CustomerServiceFallback {

    private final FallbackLog log = new FallbackLog(LoggerFactory.getLogger(CustomerServiceFallback.class),
            "Customer lookups served from fallback");

    CustomerLookup lookup(CustomerId id, Throwable cause) {
        log.record(FallbackLog.describe(cause));
        return CustomerLookup.unavailable();
    }

    long served() {
        return log.total();
    }
}
