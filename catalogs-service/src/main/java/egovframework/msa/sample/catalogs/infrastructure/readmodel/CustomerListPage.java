package egovframework.msa.sample.catalogs.infrastructure.readmodel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.List;

/**
 * One page of customer-service's list (GET /customers?page=&size=) as far as the initial fill needs it; its
 * other fields (page, size, totalElements) are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
final class CustomerListPage {

    // JsonNode rows: CustomerJson, the one mapping of customer-service's customer, reads them, and an odd row
    // is skipped by the fill instead of failing the whole page in binding.
    private final List<JsonNode> content;
    private final long totalPages;

    @JsonCreator
    CustomerListPage(@JsonProperty("content") List<JsonNode> content, @JsonProperty("totalPages") long totalPages) {
        this.content = content == null ? null : Collections.unmodifiableList(content);
        this.totalPages = totalPages;
    }

    /** {@code null} when the answer has no content. */
    List<JsonNode> content() {
        return content;
    }

    /** Whether no page follows this one, number {@code page} (from 0); only for a page with content. */
    boolean last(int page) {
        return content.isEmpty() || page + 1 >= totalPages;
    }
}
