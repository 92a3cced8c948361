package egovframework.msa.sample.catalogs.application;

import egovframework.msa.sample.catalogs.domain.CustomerDirectory;
import egovframework.msa.sample.catalogs.domain.CustomerId;
import egovframework.msa.sample.catalogs.domain.CustomerLookup;
import org.springframework.stereotype.Service;

import java.time.Clock;

/**
 * The catalogs use case of the guide: show a customer's information, stamped with the current time; in
 * full to a caller entitled to personal data, masked to anyone else.
 */
@Service
public class CustomerInfoService {

    private final CustomerDirectory directory;
    private final Clock clock;

    CustomerInfoService(CustomerDirectory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    public CustomerInfoReport report(CustomerId id, boolean mayReadPersonalData) {
        CustomerLookup lookup = directory.lookup(id);
        // A last-known answer carries personal data just as a live one does, and is masked the same way.
        return new CustomerInfoReport(id, clock.millis(), mayReadPersonalData ? lookup : lookup.masked(),
                !mayReadPersonalData && lookup.customer().isPresent());
    }
}
