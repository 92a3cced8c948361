package egovframework.msa.sample.support.schema;

import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Migrate at start locally, only check the schema in the containers: {@link StartupSchemaStrategy}. Which one is
 * config-repo's to say (application.yml and its container profiles), so there is no default here.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(Flyway.class)
@AutoConfigureBefore(FlywayAutoConfiguration.class)
public class SchemaAutoConfiguration {

    static final String MIGRATE_ON_START = "suite.schema.migrate-on-start";

    @Bean
    @ConditionalOnMissingBean(FlywayMigrationStrategy.class)
    FlywayMigrationStrategy startupSchemaStrategy(Environment environment) {
        return new StartupSchemaStrategy(environment.getProperty("spring.application.name", "this service"),
                environment.getProperty("spring.flyway.url", environment.getProperty("spring.datasource.url")),
                environment.getRequiredProperty(MIGRATE_ON_START, Boolean.class));
    }
}
