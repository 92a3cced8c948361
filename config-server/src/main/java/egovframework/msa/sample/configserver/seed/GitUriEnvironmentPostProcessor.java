package egovframework.msa.sample.configserver.seed;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Chooses the git repository to serve: {@code config-seed.remote-uri} (CONFIG_GIT_URI) when it names
 * one, otherwise the local repository seeded from config-repo/. Done in code because compose files and
 * ConfigMaps often pass an unset variable as an empty string, which a {@code ${CONFIG_GIT_URI:default}}
 * placeholder would take as the value.
 */
public class GitUriEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String GIT_URI = "spring.cloud.config.server.git.uri";
    static final String SEED_ENABLED = "config-seed.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String seedDir = environment.getProperty("config-seed.git-dir");
        if (seedDir == null) {
            return; // Spring Cloud's bootstrap context, which does not read application.yml
        }
        String remote = environment.getProperty("config-seed.remote-uri", "");
        boolean seeded = remote.isBlank();
        String uri = seeded ? seedDir : remote.strip();
        environment.getPropertySources().addFirst(new MapPropertySource("configGitRepository",
                Map.of(GIT_URI, uri, SEED_ENABLED, seeded)));
    }
}
