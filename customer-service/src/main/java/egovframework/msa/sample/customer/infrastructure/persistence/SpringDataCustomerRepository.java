package egovframework.msa.sample.customer.infrastructure.persistence;

import egovframework.msa.sample.customer.domain.Customer;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface SpringDataCustomerRepository extends JpaRepository<Customer, Long> {

    // Not @GeneratedValue: the aggregate has its identity before it is stored (Customer.register(id, ...) records
    // events that carry it), and JPA assigns a generated id only at persist. Works on H2 and PostgreSQL alike.
    @Query(value = "select nextval('customer_seq')", nativeQuery = true)
    long nextId();

    boolean existsByEmailAndIdNot(String email, Long id);
}
