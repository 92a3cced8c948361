package egovframework.msa.sample.customer.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import egovframework.msa.sample.customer.domain.Address;
import egovframework.msa.sample.customer.domain.CustomerDetails;
import egovframework.msa.sample.customer.domain.CustomerName;
import egovframework.msa.sample.customer.domain.Email;
import egovframework.msa.sample.customer.domain.InvalidValueException;
import egovframework.msa.sample.customer.domain.PhoneNumber;
import egovframework.msa.sample.support.problem.FieldProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Body of POST and PUT /customers: raw client input until {@link #toDetails()} validates it. */
final class CustomerRequest {

    private final String name;
    private final String email;
    private final String phone;
    private final AddressRequest address;

    @JsonCreator
    CustomerRequest(@JsonProperty("name") @JsonDeserialize(using = StrictText.class) String name,
                    @JsonProperty("email") @JsonDeserialize(using = StrictText.class) String email,
                    @JsonProperty("phone") @JsonDeserialize(using = StrictText.class) String phone,
                    @JsonProperty("address") AddressRequest address) {
        this.name = name;
        this.email = email;
        this.phone = phone;
        this.address = address;
    }

    /**
     * Builds every value object, collecting all refusals so the client can fix them in one go. Not Bean Validation:
     * the value objects validate themselves (each rule once, in the domain); annotations here would state them twice.
     */
    CustomerDetails toDetails() {
        List<FieldProblem> problems = new ArrayList<>();
        CustomerName validName = attempt(() -> new CustomerName(name), problems);
        Email validEmail = attempt(() -> new Email(email), problems);
        PhoneNumber validPhone = attempt(() -> new PhoneNumber(phone), problems);
        Address validAddress = address == null
                ? reject("address", problems)
                : attempt(() -> new Address(address.zipCode, address.street), problems);
        if (!problems.isEmpty()) {
            throw new InvalidCustomerException(problems);
        }
        return new CustomerDetails(validName, validEmail, validPhone, validAddress);
    }

    private static <T> T attempt(Supplier<T> factory, List<FieldProblem> problems) {
        try {
            return factory.get();
        } catch (InvalidValueException e) {
            problems.add(new FieldProblem(e.field(), e.getMessage()));
            return null;
        }
    }

    private static <T> T reject(String field, List<FieldProblem> problems) {
        problems.add(new FieldProblem(field, "is required"));
        return null;
    }

    static final class AddressRequest {
        private final String zipCode;
        private final String street;

        @JsonCreator
        AddressRequest(@JsonProperty("zipCode") @JsonDeserialize(using = StrictText.class) String zipCode,
                       @JsonProperty("street") @JsonDeserialize(using = StrictText.class) String street) {
            this.zipCode = zipCode;
            this.street = street;
        }
    }
}
