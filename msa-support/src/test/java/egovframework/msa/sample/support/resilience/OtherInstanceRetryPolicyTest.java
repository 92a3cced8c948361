package egovframework.msa.sample.support.resilience;

import com.netflix.client.config.DefaultClientConfigImpl;
import com.netflix.client.config.IClientConfig;
import com.netflix.loadbalancer.BaseLoadBalancer;
import com.netflix.loadbalancer.Server;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.loadbalancer.LoadBalancedRetryContext;
import org.springframework.cloud.netflix.ribbon.RibbonLoadBalancerClient.RibbonServer;
import org.springframework.cloud.netflix.ribbon.RibbonLoadBalancerContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.support.HttpRequestWrapper;
import org.springframework.mock.http.client.MockClientHttpRequest;

import java.net.ConnectException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OtherInstanceRetryPolicyTest {

    private final Server a = new Server("localhost", 8082);
    private final Server b = new Server("localhost", 8092);

    @Test
    void retryOnTheNextServerNeverPicksTheInstanceThatJustFailed() {
        BaseLoadBalancer balancer = balancer(a, b);
        for (int i = 0; i < 50; i++) {
            // A chooser that, like the shared round robin under load, hands back the failed instance.
            OtherInstanceRetryPolicy policy = policy(balancer, a);
            LoadBalancedRetryContext context = context(a);

            policy.registerThrowable(context, new ConnectException("Connection refused"));

            assertThat(context.getServiceInstance().getPort()).isEqualTo(8092);
            assertThat(policy.canRetryNextServer(context)).isTrue();
        }
    }

    @Test
    void withOneInstanceLeftTheRetryGoesWhereRibbonSends() {
        OtherInstanceRetryPolicy policy = policy(balancer(a), a);
        LoadBalancedRetryContext context = context(a);

        policy.registerThrowable(context, new ConnectException("Connection refused"));

        assertThat(context.getServiceInstance().getPort()).isEqualTo(8082);
    }

    @Test
    void onlyOneRetryOnAnotherServer() {
        OtherInstanceRetryPolicy policy = policy(balancer(a, b), a);
        LoadBalancedRetryContext context = context(a);
        policy.registerThrowable(context, new ConnectException("first"));
        policy.registerThrowable(context, new ConnectException("second"));

        assertThat(policy.canRetryNextServer(context)).isFalse();
    }

    private static OtherInstanceRetryPolicy policy(BaseLoadBalancer balancer, Server chosen) {
        IClientConfig config = DefaultClientConfigImpl.getClientConfigWithDefaultValues("customer");
        config.set(com.netflix.client.config.CommonClientConfigKey.MaxAutoRetries, 0);
        config.set(com.netflix.client.config.CommonClientConfigKey.MaxAutoRetriesNextServer, 1);
        RibbonLoadBalancerContext lbContext = new RibbonLoadBalancerContext(balancer, config);
        return new OtherInstanceRetryPolicy("customer", lbContext, serviceId -> new RibbonServer(serviceId, chosen),
                config, balancer);
    }

    private static BaseLoadBalancer balancer(Server... servers) {
        BaseLoadBalancer balancer = new BaseLoadBalancer();
        for (Server server : servers) {
            server.setAlive(true);
        }
        balancer.addServers(List.of(servers));
        return balancer;
    }

    private static LoadBalancedRetryContext context(Server first) {
        MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.GET, java.net.URI.create("http://customer/x"));
        LoadBalancedRetryContext context = new LoadBalancedRetryContext(null, new HttpRequestWrapper(request));
        context.setServiceInstance(new RibbonServer("customer", first));
        return context;
    }
}
