package egovframework.msa.sample.catalogs.domain;

import java.util.Objects;

/** The customer details the catalogs display needs, as customer-service reported them. */
public final class CustomerInfo {

    private final String name;
    private final String email;
    private final String phone;

    public CustomerInfo(String name, String email, String phone) {
        this.name = Objects.requireNonNull(name, "name");
        this.email = email;
        this.phone = phone;
    }

    public String name() {
        return name;
    }

    public String email() {
        return email;
    }

    public String phone() {
        return phone;
    }

    /** The same customer as shown to a caller not entitled to personal data (홍*동, gi*****@..., 010-****-5678). */
    public CustomerInfo masked() {
        return new CustomerInfo(PersonalDataMask.name(name), PersonalDataMask.email(email), PersonalDataMask.phone(phone));
    }

    /** The text that stands in the guide's envelope, e.g. {@code name=홍길동, email=..., phone=...}. */
    public String describe() {
        return "name=" + name + ", email=" + email + ", phone=" + phone;
    }
}
