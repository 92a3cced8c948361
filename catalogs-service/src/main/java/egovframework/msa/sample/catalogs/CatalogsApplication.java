package egovframework.msa.sample.catalogs;

import egovframework.msa.sample.support.accessrecord.AccessRecordsCommand;
import egovframework.msa.sample.support.schema.SchemaMigration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.client.circuitbreaker.EnableCircuitBreaker;

@EnableCircuitBreaker
@SpringBootApplication
@ConfigurationPropertiesScan
public class CatalogsApplication {

    public static void main(String[] args) {
        // "migrate": the one-off schema migration of this release (Factor XII), not the service: same jar and image.
        if (SchemaMigration.requested(args)) {
            System.exit(SchemaMigration.of("catalogs-service", "catalogs", "CATALOGS_DB").run(args));
        }
        // "access-records verify" / "access-records prune": the one-off check and pruning of its access records.
        if (AccessRecordsCommand.requested(args)) {
            System.exit(AccessRecordsCommand.of("catalogs-service", "catalogs", "CATALOGS_DB").run(args));
        }
        SpringApplication.run(CatalogsApplication.class, args);
    }
}
