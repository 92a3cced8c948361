package egovframework.msa.sample.customer.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Page sizes for {@code GET /customers}. The suite's values live in config-repo/customer.yml and are
 * rebound on {@code POST /actuator/refresh}; these defaults apply only without a config server. In api: paging
 * is part of the REST contract, and api does not reach into infrastructure (ArchitectureTest).
 */
@ConfigurationProperties("customer.paging")
public class PagingProperties {

    private int defaultSize = 20;
    private int maxSize = 100;

    public int getDefaultSize() {
        return defaultSize;
    }

    public void setDefaultSize(int defaultSize) {
        this.defaultSize = defaultSize;
    }

    public int getMaxSize() {
        return maxSize;
    }

    public void setMaxSize(int maxSize) {
        this.maxSize = maxSize;
    }
}
