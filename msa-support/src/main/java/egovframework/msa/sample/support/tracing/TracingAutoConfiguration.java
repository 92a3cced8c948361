package egovframework.msa.sample.support.tracing;

import brave.baggage.BaggagePropagation;
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

    @Bean
    @ConditionalOnMissingBean
    BaggagePropagation.FactoryBuilder traceparentOrB3Propagation() {
        return BaggagePropagation.newFactoryBuilder(new TraceparentOrB3());
    }
}
