package egovframework.msa.sample.support.resilience;

import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.client.loadbalancer.LoadBalancedRetryFactory;
import org.springframework.cloud.client.loadbalancer.LoadBalancedRetryPolicy;
import org.springframework.cloud.client.loadbalancer.ServiceInstanceChooser;
import org.springframework.cloud.netflix.ribbon.RibbonAutoConfiguration;
import org.springframework.cloud.netflix.ribbon.RibbonLoadBalancedRetryFactory;
import org.springframework.cloud.netflix.ribbon.SpringClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Retries of load-balanced calls (catalogs' RestTemplate and the gateway's Zuul routes) go to another
 * instance than the one that failed. Replaces Ribbon's own factory, which backs off when this bean exists.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = {"org.springframework.cloud.netflix.ribbon.RibbonLoadBalancedRetryFactory",
        "org.springframework.retry.support.RetryTemplate"})
@AutoConfigureBefore(RibbonAutoConfiguration.class)
public class RetryAutoConfiguration {

    @Bean
    LoadBalancedRetryFactory otherInstanceRetryFactory(SpringClientFactory clientFactory) {
        return new RibbonLoadBalancedRetryFactory(clientFactory) {
            @Override
            public LoadBalancedRetryPolicy createRetryPolicy(String service, ServiceInstanceChooser chooser) {
                return new OtherInstanceRetryPolicy(service, clientFactory.getLoadBalancerContext(service), chooser,
                        clientFactory.getClientConfig(service), clientFactory.getLoadBalancer(service));
            }
        };
    }
}
