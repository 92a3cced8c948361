package egovframework.msa.sample.customer.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import egovframework.msa.sample.customer.domain.Customer;
import egovframework.msa.sample.customer.domain.CustomerDetails;

import java.util.Map;

/** What clients see of a customer; customer events carry the same shape (docs/customer-events.md). */
@JsonPropertyOrder({"id", "name", "email", "phone", "address"})
public final class CustomerResponse {

    private final long id;
    private final String name;
    private final String email;
    private final String phone;
    private final Map<String, String> address;

    private CustomerResponse(long id, CustomerDetails details) {
        this.id = id;
        this.name = details.name().value();
        this.email = details.email().value();
        this.phone = details.phone().value();
        this.address = Map.of("zipCode", details.address().zipCode(), "street", details.address().street());
    }

    static CustomerResponse of(Customer customer) {
        return of(customer.id().value(), customer.details());
    }

    public static CustomerResponse of(long id, CustomerDetails details) {
        return new CustomerResponse(id, details);
    }

    public long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getEmail() {
        return email;
    }

    public String getPhone() {
        return phone;
    }

    public Map<String, String> getAddress() {
        return address;
    }
}
