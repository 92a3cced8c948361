package egovframework.msa.sample.configserver.seed;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Active only when no remote repository is configured (CONFIG_GIT_URI unset or blank): the config server then
 * serves a local git repository seeded from {@code config-repo/}. Every config request first picks up
 * files edited in that folder, so "edit, then POST /actuator/refresh" works without a restart.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(GitUriEnvironmentPostProcessor.SEED_ENABLED)
class SeededRepositoryConfiguration {

    @Bean(initMethod = "initialise")
    ConfigRepoMirror configRepoMirror(@Value("${config-seed.source-dir}") Path sourceDir,
                                      @Value("${config-seed.git-dir}") Path gitDir,
                                      @Value("${spring.cloud.config.server.git.default-label}") String branch) {
        return new ConfigRepoMirror(sourceDir, gitDir, branch);
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> configRepoSyncFilter(ConfigRepoMirror mirror) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                mirror.sync();
                chain.doFilter(request, response);
            }

            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return request.getRequestURI().startsWith("/actuator");
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        // Named: an anonymous filter would be registered as oncePerRequestFilter, a name the container keeps for one only.
        registration.setName("configRepoSyncFilter");
        return registration;
    }
}
