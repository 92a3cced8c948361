package egovframework.msa.sample.support.accessrecord;

import egovframework.msa.sample.support.startup.RequiredSettingsCheck;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigureAfter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * Access records (개인정보 접속기록) in every service with a database of its own: customer-service and catalogs,
 * the two that hold customers' personal data. Each keeps its chain in its own database (its Flyway migrations
 * create the tables), calls {@link AccessRecords} where it touches personal data, and serves
 * {@code /actuator/accessrecords} to operators.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(JdbcTemplate.class)
@ConditionalOnSingleCandidate(DataSource.class)
@AutoConfigureAfter(DataSourceAutoConfiguration.class)
@EnableConfigurationProperties(AccessRecordsProperties.class)
public class AccessRecordsAutoConfiguration {

    static final String LOCAL_PROFILE = RequiredSettingsCheck.LOCAL_PROFILE;
    static final String ENABLED = "suite.access-records.enabled";

    @Bean
    JdbcAccessRecords accessRecordChain(DataSource dataSource) {
        return new JdbcAccessRecords(dataSource);
    }

    @Bean
    @ConditionalOnProperty(name = ENABLED, matchIfMissing = true)
    AccessRecordWriter accessRecordWriter(JdbcAccessRecords chain, AccessRecordsProperties properties) {
        return new AccessRecordWriter(chain::append, properties.getQueueCapacity(), properties.getBatchSize(),
                properties.getRetryInterval(), properties.getStopTimeout());
    }

    @Bean
    AccessRecords accessRecords(ObjectProvider<AccessRecordWriter> writer, ObjectProvider<Clock> clock,
                                Environment environment) {
        Clock time = clock.getIfAvailable(Clock::systemUTC);
        AccessRecordWriter available = writer.getIfAvailable();
        if (available != null) {
            return new AccessRecords(available, time);
        }
        if (!environment.acceptsProfiles(Profiles.of(LOCAL_PROFILE))) {
            throw new AccessRecordsOffRefused();
        }
        return AccessRecords.off(time);
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    WebMvcConfigurer accessRecordCompletion(AccessRecords records) {
        AccessRecordCompletion completion = new AccessRecordCompletion(records);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(completion);
            }
        };
    }

    /** Apart, so that a service without the actuator never loads the endpoint's classes. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.web.annotation.RestControllerEndpoint")
    static class Endpoint {

        @Bean
        @ConditionalOnAvailableEndpoint(endpoint = AccessRecordsEndpoint.class)
        AccessRecordsEndpoint accessRecordsEndpoint(JdbcAccessRecords chain, Environment environment) {
            return new AccessRecordsEndpoint(chain, environment.getProperty("spring.application.name", "this service"));
        }
    }

    /** access.records.pending: records the database still owes (reserved, queued, being written). */
    @Bean
    @ConditionalOnClass(MeterBinder.class)
    @ConditionalOnProperty(name = ENABLED, matchIfMissing = true)
    MeterBinder accessRecordMetrics(AccessRecordWriter writer) {
        return registry -> Gauge.builder("access.records.pending", writer, AccessRecordWriter::pending)
                .description("Access records not yet written; at " + writer.capacity() + " requests for personal data"
                        + " are refused").register(registry);
    }
}
