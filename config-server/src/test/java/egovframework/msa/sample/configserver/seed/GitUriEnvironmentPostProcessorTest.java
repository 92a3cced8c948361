package egovframework.msa.sample.configserver.seed;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class GitUriEnvironmentPostProcessorTest {

    private final GitUriEnvironmentPostProcessor processor = new GitUriEnvironmentPostProcessor();

    @Test
    void servesTheSeededRepositoryWhenNoRemoteIsNamed() {
        MockEnvironment environment = new MockEnvironment().withProperty("config-seed.git-dir", "/var/seed");
        processor.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty(GitUriEnvironmentPostProcessor.GIT_URI)).isEqualTo("/var/seed");
        assertThat(environment.getProperty(GitUriEnvironmentPostProcessor.SEED_ENABLED)).isEqualTo("true");
    }

    @Test
    void treatsABlankVariableAsUnset() {
        MockEnvironment environment = new MockEnvironment().withProperty("config-seed.git-dir", "/var/seed")
                .withProperty("config-seed.remote-uri", "  ");
        processor.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty(GitUriEnvironmentPostProcessor.GIT_URI)).isEqualTo("/var/seed");
    }

    @Test
    void servesTheRemoteRepositoryWhenNamed() {
        MockEnvironment environment = new MockEnvironment().withProperty("config-seed.git-dir", "/var/seed")
                .withProperty("config-seed.remote-uri", "https://git.example.go.kr/egov/config-repo.git");
        processor.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty(GitUriEnvironmentPostProcessor.GIT_URI))
                .isEqualTo("https://git.example.go.kr/egov/config-repo.git");
        assertThat(environment.getProperty(GitUriEnvironmentPostProcessor.SEED_ENABLED)).isEqualTo("false");
    }
}
