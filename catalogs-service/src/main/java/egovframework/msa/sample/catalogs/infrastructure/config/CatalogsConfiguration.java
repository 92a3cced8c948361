package egovframework.msa.sample.catalogs.infrastructure.config;

import egovframework.msa.sample.catalogs.infrastructure.client.ServiceToken;
import org.apache.http.impl.client.CloseableHttpClient;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.cloud.commons.httpclient.ApacheHttpClientConnectionManagerFactory;
import org.springframework.cloud.commons.httpclient.ApacheHttpClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestTemplate;

import java.util.concurrent.TimeUnit;

@Configuration(proxyBeanMethods = false)
class CatalogsConfiguration {

    /**
     * Pooled keep-alive connections to customer-service, from Spring Cloud Commons' HTTP client factories.
     * Without this, RestTemplate's Apache client allows 5 connections per host and every Hystrix thread
     * beyond the fifth waits for one until its timeout fires. Apache's own retries are off: Ribbon retries
     * a failed GET on another instance instead (config-repo/catalogs.yml).
     */
    @Bean
    CloseableHttpClient customerHttpClient(ApacheHttpClientConnectionManagerFactory connections,
                                           ApacheHttpClientFactory clients, CustomerClientProperties properties) {
        int max = properties.getMaxConnections();
        return clients.createBuilder()
                .setConnectionManager(connections.newConnectionManager(false, max, max,
                        properties.getConnectionTimeToLive().toMillis(), TimeUnit.MILLISECONDS, null))
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    }

    /**
     * Resolves {@code http://customer/...} through Eureka and Ribbon, with the timeouts of customer-client,
     * and sends catalogs' own read-only token.
     */
    @Bean
    @LoadBalanced
    RestTemplate customerRestTemplate(RestTemplateBuilder builder, CloseableHttpClient customerHttpClient,
                                      CustomerClientProperties properties, ServiceToken serviceToken) {
        return builder
                .requestFactory(() -> new HttpComponentsClientHttpRequestFactory(customerHttpClient))
                .additionalInterceptors(serviceToken)
                .setConnectTimeout(properties.getConnectTimeout())
                .setReadTimeout(properties.getReadTimeout())
                .build();
    }
}
