package egovframework.msa.sample.catalogs.infrastructure.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConstructorBinding;

import java.time.Duration;

/**
 * Where and how patiently catalogs calls customer-service. Set in config-repo/catalogs.yml, next to the
 * Ribbon retries and the Hystrix timeout that these numbers must fit inside (see the formula there).
 */
@ConstructorBinding
@ConfigurationProperties("customer-client")
public class CustomerClientProperties {

    private final String baseUrl;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    public CustomerClientProperties(String baseUrl, Duration connectTimeout, Duration readTimeout) {
        this.baseUrl = baseUrl == null ? "http://customer" : baseUrl;
        this.connectTimeout = connectTimeout == null ? Duration.ofMillis(250) : connectTimeout;
        this.readTimeout = readTimeout == null ? Duration.ofSeconds(1) : readTimeout;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public Duration getReadTimeout() {
        return readTimeout;
    }
}
