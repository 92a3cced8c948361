package egovframework.msa.sample.catalogs.infrastructure.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.netflix.hystrix.contrib.javanica.annotation.HystrixCommand;
import egovframework.msa.sample.catalogs.domain.CustomerDirectory;
import egovframework.msa.sample.catalogs.domain.CustomerId;
import egovframework.msa.sample.catalogs.domain.CustomerLookup;
import egovframework.msa.sample.catalogs.domain.UnknownCustomerException;
import egovframework.msa.sample.catalogs.infrastructure.config.CustomerClientProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestTemplate;

/**
 * Calls customer-service through Eureka inside the Hystrix command {@code customerInfo}. Its timeout,
 * circuit breaker and the Ribbon retries beneath it are configured together in config-repo/catalogs.yml.
 * A 404 is an answer, not a failure: it is excluded from the circuit breaker and surfaces as a 404.
 * Every failure, timeout and open circuit goes to {@link CustomerServiceFallback} (the read model).
 */
@Component
class CustomerServiceClient implements CustomerDirectory {

    private final RestTemplate restTemplate;
    private final CustomerServiceFallback fallback;
    private final String baseUrl;

    CustomerServiceClient(RestTemplate customerRestTemplate, CustomerServiceFallback fallback,
                          CustomerClientProperties properties) {
        this.restTemplate = customerRestTemplate;
        this.fallback = fallback;
        this.baseUrl = properties.getBaseUrl();
    }

    @Override
    @HystrixCommand(commandKey = "customerInfo", groupKey = "customer", threadPoolKey = "customer",
            fallbackMethod = "unavailable", ignoreExceptions = UnknownCustomerException.class)
    public CustomerLookup lookup(CustomerId id) {
        JsonNode body;
        try {
            body = restTemplate.getForObject(baseUrl + "/customers/{id}", JsonNode.class, id.value());
        } catch (HttpClientErrorException.NotFound notFound) {
            throw new UnknownCustomerException(id);
        }
        try {
            return CustomerLookup.found(CustomerJson.read(body));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("customer-service answered without a customer name", e);
        }
    }

    // Hystrix calls this by name; it only hands over to the fallback class.
    public CustomerLookup unavailable(CustomerId id, Throwable cause) {
        return fallback.lookup(id, cause);
    }
}
