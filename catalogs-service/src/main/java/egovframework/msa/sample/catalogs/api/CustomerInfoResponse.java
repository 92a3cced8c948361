package egovframework.msa.sample.catalogs.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import egovframework.msa.sample.catalogs.application.CustomerInfoReport;
import egovframework.msa.sample.catalogs.domain.CustomerInfo;
import egovframework.msa.sample.catalogs.domain.CustomerLookup;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON form of the guide's customer-info envelope. */
@JsonPropertyOrder({"customerId", "timestamp", "customer", "masked", "fallback", "message"})
@JsonInclude(JsonInclude.Include.NON_NULL)
final class CustomerInfoResponse {

    private final CustomerInfoReport report;

    CustomerInfoResponse(CustomerInfoReport report) {
        this.report = report;
    }

    public String getCustomerId() {
        return report.customerId().value();
    }

    public long getTimestamp() {
        return report.timestamp();
    }

    public Map<String, String> getCustomer() {
        return report.lookup().customer().map(CustomerInfoResponse::fields).orElse(null);
    }

    /** True when personal data is masked (anonymous caller, or a token without customers:read). */
    public boolean isMasked() {
        return report.masked();
    }

    public boolean isFallback() {
        return report.lookup().isFallback();
    }

    public String getMessage() {
        return report.lookup().isFallback() ? CustomerLookup.UNAVAILABLE : null;
    }

    private static Map<String, String> fields(CustomerInfo info) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", info.name());
        fields.put("email", info.email());
        fields.put("phone", info.phone());
        return fields;
    }
}
