package egovframework.msa.sample.gateway;

import egovframework.msa.sample.gateway.fallback.ServiceUnavailableFallback;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.netflix.zuul.EnableZuulProxy;
import org.springframework.cloud.netflix.zuul.filters.route.FallbackProvider;
import org.springframework.context.annotation.Bean;

@EnableZuulProxy
@SpringBootApplication
@ConfigurationPropertiesScan
public class ZuulGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(ZuulGatewayApplication.class, args);
    }

    // One fallback per route: the 503 names the service the caller could not reach.
    @Bean
    FallbackProvider catalogsFallback() {
        return new ServiceUnavailableFallback("catalogs");
    }

    @Bean
    FallbackProvider customerFallback() {
        return new ServiceUnavailableFallback("customer");
    }
}
