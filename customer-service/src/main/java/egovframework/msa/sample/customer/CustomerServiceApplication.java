package egovframework.msa.sample.customer;

import egovframework.msa.sample.support.accessrecord.AccessRecordsCommand;
import egovframework.msa.sample.support.schema.SchemaMigration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CustomerServiceApplication {

    public static void main(String[] args) {
        // "migrate": the one-off schema migration of this release (Factor XII), not the service: same jar and image.
        if (SchemaMigration.requested(args)) {
            System.exit(SchemaMigration.of("customer-service", "customer", "CUSTOMER_DB").run(args));
        }
        // "access-records verify" / "access-records prune": the one-off check and pruning of its access records.
        if (AccessRecordsCommand.requested(args)) {
            System.exit(AccessRecordsCommand.of("customer-service", "customer", "CUSTOMER_DB").run(args));
        }
        SpringApplication.run(CustomerServiceApplication.class, args);
    }
}
