package egovframework.msa.sample.catalogs.api;

import egovframework.msa.sample.catalogs.application.CustomerInfoReport;
import egovframework.msa.sample.catalogs.application.CustomerInfoService;
import egovframework.msa.sample.catalogs.domain.CustomerId;
import egovframework.msa.sample.support.accessrecord.AccessAction;
import egovframework.msa.sample.support.accessrecord.AccessRecords;
import egovframework.msa.sample.support.security.Tokens;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The guide's catalogs endpoint. Plain text in the guide's exact envelope by default ({@link GuideFormatConverter},
 * ahead of Jackson); JSON for clients that ask for {@code application/json}: Spring MVC's content negotiation.
 *
 * <p>Showing a customer unmasked to an entitled caller is an access to personal data and is recorded in catalogs'
 * own access records (개인정보 접속기록, msa-support's AccessRecords), with the caller as the account; a masked
 * answer is not. catalogs' own lookup at customer-service, with its service token, is recorded there.
 */
@RestController
@RequestMapping("/catalogs/customerinfo")
class CatalogsController {

    private static final List<String> ENTITLED = List.of(Tokens.CAN_READ_CUSTOMERS);

    private final CustomerInfoService service;
    private final AccessRecords records;

    CatalogsController(CustomerInfoService service, AccessRecords records) {
        this.service = service;
        this.records = records;
    }

    /**
     * Open to anyone (the guide's demo URL); personal data in full only with a token that may read customers.
     * {@code produces}: a client that takes neither gets 406 before any lookup; text first, so it wins a tie.
     */
    @GetMapping(path = "/{customerId}", produces = {MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_JSON_VALUE})
    CustomerInfoResponse customerInfo(@PathVariable String customerId, Authentication caller) {
        CustomerId id = CustomerId.parse(customerId);
        CustomerInfoReport report = service.report(id, mayReadPersonalData(caller));
        if (report.showsPersonalData()) {
            // Before the data leaves: when records cannot be kept, a 503 instead of the data without its record.
            records.open(AccessAction.READ, id.value());
        }
        return new CustomerInfoResponse(report);
    }

    static boolean mayReadPersonalData(Authentication caller) {
        if (caller == null) {
            return false;
        }
        return caller.getAuthorities().stream().anyMatch(granted -> ENTITLED.contains(granted.getAuthority()));
    }
}
