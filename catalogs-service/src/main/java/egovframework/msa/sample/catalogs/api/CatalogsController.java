package egovframework.msa.sample.catalogs.api;

import egovframework.msa.sample.catalogs.application.CustomerInfoReport;
import egovframework.msa.sample.catalogs.application.CustomerInfoService;
import egovframework.msa.sample.catalogs.domain.CustomerId;
import egovframework.msa.sample.support.security.Tokens;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The guide's catalogs endpoint. Plain text in the guide's exact envelope by default; JSON for clients
 * that ask for {@code application/json}.
 */
@RestController
@RequestMapping("/catalogs/customerinfo")
class CatalogsController {

    static final MediaType TEXT_UTF8 = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);
    private static final List<MediaType> OFFERED = List.of(MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON);
    private static final List<String> ENTITLED = List.of(Tokens.CAN_READ_CUSTOMERS);

    private final CustomerInfoService service;

    CatalogsController(CustomerInfoService service) {
        this.service = service;
    }

    /** Open to anyone (the guide's demo URL); personal data in full only with a token that may read customers. */
    @GetMapping("/{customerId}")
    ResponseEntity<?> customerInfo(@PathVariable String customerId,
                                   @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                                   Authentication caller)
            throws HttpMediaTypeNotAcceptableException {
        MediaType format = negotiate(accept);
        CustomerInfoReport report = service.report(CustomerId.parse(customerId), mayReadPersonalData(caller));
        if (MediaType.APPLICATION_JSON.equals(format)) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new CustomerInfoResponse(report));
        }
        return ResponseEntity.ok().contentType(TEXT_UTF8).body(report.toGuideFormat());
    }

    static boolean mayReadPersonalData(Authentication caller) {
        if (caller == null) {
            return false;
        }
        return caller.getAuthorities().stream().anyMatch(granted -> ENTITLED.contains(granted.getAuthority()));
    }

    /** Plain text unless the client prefers JSON; a wildcard gets the guide's plain text. */
    static MediaType negotiate(String accept) throws HttpMediaTypeNotAcceptableException {
        if (accept == null || accept.isBlank()) {
            return MediaType.TEXT_PLAIN;
        }
        List<MediaType> requested;
        try {
            requested = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw new HttpMediaTypeNotAcceptableException(OFFERED);
        }
        MediaType.sortBySpecificityAndQuality(requested);
        for (MediaType type : requested) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            if (type.includes(MediaType.TEXT_PLAIN)) {
                return MediaType.TEXT_PLAIN;
            }
            if (type.includes(MediaType.APPLICATION_JSON)) {
                return MediaType.APPLICATION_JSON;
            }
        }
        throw new HttpMediaTypeNotAcceptableException(OFFERED);
    }
}
