package egovframework.msa.sample.catalogs.infrastructure.client;

import egovframework.msa.sample.catalogs.domain.CustomerId;
import egovframework.msa.sample.catalogs.domain.CustomerLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What catalogs shows when customer-service is down, slow, failing or its circuit is open: an answer
 * right away that says the customer data is unavailable, instead of an error page.
 */
@Component
class CustomerServiceFallback {

    private static final Logger log = LoggerFactory.getLogger(CustomerServiceFallback.class);

    CustomerLookup lookup(CustomerId id, Throwable cause) {
        log.warn("Customer {} served from fallback: {}", id, describe(cause));
        return CustomerLookup.unavailable();
    }

    static String describe(Throwable cause) {
        if (cause == null) {
            return "no cause reported";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == cause ? cause.toString() : cause + " (caused by " + root + ")";
    }
}
