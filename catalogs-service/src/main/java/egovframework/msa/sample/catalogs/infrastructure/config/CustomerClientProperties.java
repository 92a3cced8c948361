package egovframework.msa.sample.catalogs.infrastructure.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConstructorBinding;

import java.time.Duration;

/**
 * Where and how patiently catalogs calls customer-service, and how many connections it keeps open to it.
 * Set in config-repo/catalogs.yml, next to the Ribbon retries, the Hystrix timeout and the thread pool
 * that these numbers must fit (see the formulas there).
 */
@ConstructorBinding
@ConfigurationProperties("customer-client")
public class CustomerClientProperties {

    private final String baseUrl;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxConnections;
    private final Duration connectionTimeToLive;

    public CustomerClientProperties(String baseUrl, Duration connectTimeout, Duration readTimeout, int maxConnections,
                                    Duration connectionTimeToLive) {
        this.baseUrl = baseUrl;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.maxConnections = maxConnections;
        this.connectionTimeToLive = connectionTimeToLive;
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

    /** Pooled keep-alive connections, per instance and in all: one for each Hystrix thread that may call. */
    public int getMaxConnections() {
        return maxConnections;
    }

    /** Connections are renewed after this long, so a restarted or added instance gets its share. */
    public Duration getConnectionTimeToLive() {
        return connectionTimeToLive;
    }
}
