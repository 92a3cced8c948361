package egovframework.msa.sample.support.resilience;

import com.netflix.client.config.IClientConfig;
import com.netflix.loadbalancer.ILoadBalancer;
import com.netflix.loadbalancer.Server;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancedRetryContext;
import org.springframework.cloud.client.loadbalancer.ServiceInstanceChooser;
import org.springframework.cloud.netflix.ribbon.RibbonLoadBalancedRetryPolicy;
import org.springframework.cloud.netflix.ribbon.RibbonLoadBalancerClient.RibbonServer;
import org.springframework.cloud.netflix.ribbon.RibbonLoadBalancerContext;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Ribbon's retry policy, except that a retry on the next server never goes back to the instance that just
 * failed. Ribbon picks the "next" server from the round robin shared by every request in flight, so under
 * load about half the retries land on the very instance that refused the connection, and the caller gets
 * the fallback although a healthy instance was there. Ribbon 2.2 offers no setting for this.
 */
public class OtherInstanceRetryPolicy extends RibbonLoadBalancedRetryPolicy {

    private final String serviceId;
    private final ILoadBalancer loadBalancer;

    public OtherInstanceRetryPolicy(String serviceId, RibbonLoadBalancerContext context, ServiceInstanceChooser chooser,
                                    IClientConfig clientConfig, ILoadBalancer loadBalancer) {
        super(serviceId, context, chooser, clientConfig);
        this.serviceId = serviceId;
        this.loadBalancer = loadBalancer;
    }

    @Override
    public void registerThrowable(LoadBalancedRetryContext context, Throwable throwable) {
        ServiceInstance failed = context.getServiceInstance();
        super.registerThrowable(context, throwable);
        ServiceInstance next = context.getServiceInstance();
        if (failed != null && next != null && next != failed && sameAddress(failed, next)) {
            Server other = otherThan(failed);
            if (other != null) {
                context.setServiceInstance(new RibbonServer(serviceId, other));
            }
        }
    }

    /** A reachable server other than the failed one, or null when there is none. */
    private Server otherThan(ServiceInstance failed) {
        if (loadBalancer == null) {
            return null;
        }
        List<Server> others = loadBalancer.getReachableServers().stream()
                .filter(s -> !(s.getHost().equals(failed.getHost()) && s.getPort() == failed.getPort()))
                .collect(Collectors.toList());
        return others.isEmpty() ? null : others.get(ThreadLocalRandom.current().nextInt(others.size()));
    }

    private static boolean sameAddress(ServiceInstance a, ServiceInstance b) {
        return a.getHost().equals(b.getHost()) && a.getPort() == b.getPort();
    }
}
