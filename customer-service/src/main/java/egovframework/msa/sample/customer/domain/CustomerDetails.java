package egovframework.msa.sample.customer.domain;

import java.util.Objects;

/** Everything about a customer that a client may set: valid by construction. */
public final class CustomerDetails {

    private final CustomerName name;
    private final Email email;
    private final PhoneNumber phone;
    private final Address address;

    public CustomerDetails(CustomerName name, Email email, PhoneNumber phone, Address address) {
        this.name = Objects.requireNonNull(name, "name");
        this.email = Objects.requireNonNull(email, "email");
        this.phone = Objects.requireNonNull(phone, "phone");
        this.address = Objects.requireNonNull(address, "address");
    }

    public CustomerName name() {
        return name;
    }

    public Email email() {
        return email;
    }

    public PhoneNumber phone() {
        return phone;
    }

    public Address address() {
        return address;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CustomerDetails)) {
            return false;
        }
        CustomerDetails other = (CustomerDetails) o;
        return name.equals(other.name) && email.equals(other.email) && phone.equals(other.phone)
                && address.equals(other.address);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, email, phone, address);
    }
}
