package egovframework.msa.sample.support.time;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** One UTC clock for every service that asks for one; a test replaces it with a fixed clock bean of its own. */
@Configuration(proxyBeanMethods = false)
public class ClockAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
