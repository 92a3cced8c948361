package egovframework.msa.sample.catalogs.infrastructure.config;

import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestTemplate;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class CatalogsConfiguration {

    /** Resolves {@code http://customer/...} through Eureka and Ribbon, with the timeouts of customer-client. */
    @Bean
    @LoadBalanced
    RestTemplate customerRestTemplate(RestTemplateBuilder builder, CustomerClientProperties properties) {
        return builder
                .setConnectTimeout(properties.getConnectTimeout())
                .setReadTimeout(properties.getReadTimeout())
                .build();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
