package egovframework.msa.sample.catalogs.api;

import egovframework.msa.sample.catalogs.application.CustomerInfoService;
import egovframework.msa.sample.catalogs.domain.CustomerId;
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
 */
@RestController
@RequestMapping("/catalogs/customerinfo")
class CatalogsController {

    private static final List<String> ENTITLED = List.of(Tokens.CAN_READ_CUSTOMERS);

    private final CustomerInfoService service;

    CatalogsController(CustomerInfoService service) {
        this.service = service;
    }

    /**
     * Open to anyone (the guide's demo URL); personal data in full only with a token that may read customers.
     * {@code produces}: a client that takes neither gets 406 before any lookup; text first, so it wins a tie.
     */
    @GetMapping(path = "/{customerId}", produces = {MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_JSON_VALUE})
    CustomerInfoResponse customerInfo(@PathVariable String customerId, Authentication caller) {
        return new CustomerInfoResponse(service.report(CustomerId.parse(customerId), mayReadPersonalData(caller)));
    }

    static boolean mayReadPersonalData(Authentication caller) {
        if (caller == null) {
            return false;
        }
        return caller.getAuthorities().stream().anyMatch(granted -> ENTITLED.contains(granted.getAuthority()));
    }
}
