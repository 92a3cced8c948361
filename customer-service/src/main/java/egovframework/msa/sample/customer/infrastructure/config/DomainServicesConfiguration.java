package egovframework.msa.sample.customer.infrastructure.config;

import egovframework.msa.sample.customer.domain.CustomerRepository;
import egovframework.msa.sample.customer.domain.EmailUniqueness;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The domain's services are plain classes (no Spring in the domain): they become beans here. */
@Configuration(proxyBeanMethods = false)
class DomainServicesConfiguration {

    @Bean
    EmailUniqueness emailUniqueness(CustomerRepository customers) {
        return new EmailUniqueness(customers);
    }
}
