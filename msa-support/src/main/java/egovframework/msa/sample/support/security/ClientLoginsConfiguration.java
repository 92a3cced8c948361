package egovframework.msa.sample.support.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.util.function.BiPredicate;

/**
 * Imported by the servers the other services log in to (config server, Eureka): the logins of
 * {@link ClientLogins}, and {@code ownApplication} for their access rules
 * ({@code @ownApplication.test(authentication, #application)}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClientLogins.class)
public class ClientLoginsConfiguration {

    @Bean
    InMemoryUserDetailsManager users(ClientLogins logins) {
        return logins.users();
    }

    /** The application a request names is the caller's own. */
    @Bean
    BiPredicate<Authentication, String> ownApplication() {
        return ClientLogins::isOwn;
    }
}
