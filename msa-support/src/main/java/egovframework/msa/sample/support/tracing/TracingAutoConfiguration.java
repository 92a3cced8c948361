package egovframework.msa.sample.support.tracing;

import brave.baggage.BaggagePropagation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Sleuth's propagation, W3C {@code traceparent} as well as B3 ({@link TraceparentOrB3}). Sleuth builds its
 * baggage and log-correlation fields on top of this builder, so they work as before.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.cloud.sleuth.autoconfig.TraceAutoConfiguration")
@AutoConfigureBefore(name = "org.springframework.cloud.sleuth.autoconfig.TraceAutoConfiguration")
@ConditionalOnProperty(value = "spring.sleuth.enabled", matchIfMissing = true)
public class TracingAutoConfiguration {

    /**
     * {@code suite.tracing.edge: true} (the gateway, config-repo/zuul-gateway.yml): a caller's sampling decision
     * and debug flag are ignored there, its trace id kept ({@link TraceparentOrB3#atTheEdge()}).
     */
    @Bean
    @ConditionalOnMissingBean
    BaggagePropagation.FactoryBuilder traceparentOrB3Propagation(@Value("${suite.tracing.edge:false}") boolean edge) {
        return BaggagePropagation.newFactoryBuilder(edge ? TraceparentOrB3.atTheEdge() : TraceparentOrB3.inside());
    }
}
