package egovframework.msa.sample.customer.domain;


import java.util.List;

/**
 * One page of customers and where it sits in the whole list, as the repository read it (one query for the rows,
 * one for the total). The domain's own type: the domain depends on nothing of Spring (ArchitectureTest), so not
 * Spring Data's Page.
 */
public final class CustomerPage {

    private final List<Customer> customers;
    private final int page;
    private final int size;
    private final long totalElements;

    public CustomerPage(List<Customer> customers, int page, int size, long totalElements) {
        this.customers = List.copyOf(customers);
        this.page = page;
        this.size = size;
        this.totalElements = totalElements;
    }

    public List<Customer> customers() {
        return customers;
    }

    public int page() {
        return page;
    }

    public int size() {
        return size;
    }

    public long totalElements() {
        return totalElements;
    }

    public long totalPages() {
        return (totalElements + size - 1) / size;
    }
}
