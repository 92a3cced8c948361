package egovframework.msa.sample.catalogs.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import egovframework.msa.sample.catalogs.application.CustomerInfoReport;
import egovframework.msa.sample.catalogs.domain.CustomerInfo;
import egovframework.msa.sample.catalogs.domain.CustomerLookup;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON form of the guide's customer-info envelope. */
@JsonPropertyOrder({"customerId", "timestamp", "customer", "masked", "fallback", "source", "asOf", "ageSeconds",
        "message"})
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

    /**
     * Where the details come from: {@code customer-service} (a live answer) or {@code read-model} (catalogs'
     * own last-known copy, while customer-service cannot answer); absent when there are no details.
     */
    public String getSource() {
        if (report.lookup().customer().isEmpty()) {
            return null;
        }
        return report.lookup().isLastKnown() ? "read-model" : "customer-service";
    }

    /** When catalogs learnt the last-known details (ISO-8601); absent for a live answer. */
    public String getAsOf() {
        return report.lookup().asOf().map(Instant::toString).orElse(null);
    }

    /** How old the last-known details were when this answer was made (whole seconds); absent for a live answer. */
    public Long getAgeSeconds() {
        return report.age().map(Duration::getSeconds).orElse(null);
    }

    /** The guide's text envelope ({@link GuideFormatConverter}); not a JSON property. */
    String guideFormat() {
        return report.toGuideFormat();
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
