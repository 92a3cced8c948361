package egovframework.msa.sample.customer.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import egovframework.msa.sample.customer.domain.CustomerPage;

import java.util.List;
import java.util.stream.Collectors;

@JsonPropertyOrder({"content", "page", "size", "totalElements", "totalPages"})
final class CustomerPageResponse {

    private final CustomerPage page;

    CustomerPageResponse(CustomerPage page) {
        this.page = page;
    }

    public List<CustomerResponse> getContent() {
        return page.customers().stream().map(CustomerResponse::of).collect(Collectors.toList());
    }

    public int getPage() {
        return page.page();
    }

    public int getSize() {
        return page.size();
    }

    public long getTotalElements() {
        return page.totalElements();
    }

    public long getTotalPages() {
        return page.totalPages();
    }
}
