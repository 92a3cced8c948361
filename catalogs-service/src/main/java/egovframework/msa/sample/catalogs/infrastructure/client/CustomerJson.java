package egovframework.msa.sample.catalogs.infrastructure.client;

import com.fasterxml.jackson.databind.JsonNode;
import egovframework.msa.sample.catalogs.domain.CustomerInfo;

/**
 * The one mapping of customer-service's customer JSON (its CustomerResponse: id, name, email, phone,
 * address) to what catalogs shows. The REST answer, the paged list of the initial fill and the customer in
 * an event all carry this same object, so they are read by the same code.
 */
public final class CustomerJson {

    private CustomerJson() {
    }

    /** @throws IllegalArgumentException when there is no customer object or it has no name */
    public static CustomerInfo read(JsonNode customer) {
        if (customer == null || !customer.isObject() || !customer.hasNonNull("name")) {
            throw new IllegalArgumentException("customer without a name");
        }
        return new CustomerInfo(customer.get("name").asText(), text(customer, "email"), text(customer, "phone"));
    }

    private static String text(JsonNode customer, String field) {
        return customer.hasNonNull(field) ? customer.get(field).asText() : null;
    }
}
