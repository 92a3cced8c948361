package egovframework.msa.sample.support.startup;

import egovframework.msa.sample.support.topology.TopologyDefaults;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequiredSettingsCheckTest {

    @Test
    void localRunsMayUseTheDevelopmentDefaults() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(RequiredSettingsCheck.REQUIRED, "EUREKA_PASSWORD");
        assertThatCode(() -> RequiredSettingsCheck.check(environment)).doesNotThrowAnyException();
    }

    @Test
    void containerProfilesRefuseMissingOrBlankCredentialsNamingThem() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(RequiredSettingsCheck.REQUIRED, "EUREKA_PASSWORD, CONFIG_SERVER_PASSWORD")
                .withProperty("CONFIG_SERVER_PASSWORD", " ");
        environment.setActiveProfiles("k8s");

        assertThatThrownBy(() -> RequiredSettingsCheck.check(environment))
                .isInstanceOf(RequiredSettingsCheck.MissingSettingsException.class)
                .hasMessageStartingWith("Missing EUREKA_PASSWORD, CONFIG_SERVER_PASSWORD (profile k8s")
                .satisfies(e -> assertThat(new StartupFailureReporter(new GenericApplicationContext())
                        .reportException(new IllegalStateException("wrapped", e))).isTrue());
    }

    @Test
    void aValueOnlyTheTopologyFileGivesCountsAsMissing() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(RequiredSettingsCheck.REQUIRED, "MANAGEMENT_PASSWORD,RABBITMQ_PASSWORD");
        new TopologyDefaults().postProcessEnvironment(environment, new SpringApplication());
        environment.setActiveProfiles("docker");
        assertThat(environment.getProperty("MANAGEMENT_PASSWORD")).startsWith("dev-");

        assertThatThrownBy(() -> RequiredSettingsCheck.check(environment))
                .hasMessageStartingWith("Missing MANAGEMENT_PASSWORD, RABBITMQ_PASSWORD (profile docker");
    }

    @Test
    void containerProfilesStartWhenEverythingIsSet() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(RequiredSettingsCheck.REQUIRED, "EUREKA_PASSWORD")
                .withProperty("EUREKA_PASSWORD", "q8Zr2vKx0pLm4sTy");
        environment.setActiveProfiles("docker");
        assertThatCode(() -> RequiredSettingsCheck.check(environment)).doesNotThrowAnyException();
    }

    @Test
    void containerProfilesRefuseDevelopmentValues() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(RequiredSettingsCheck.REQUIRED, "JWT_HMAC_SECRET,EUREKA_PASSWORD")
                .withProperty("JWT_HMAC_SECRET", "dev-jwt-hmac-key-for-local-runs-only-never-deploy")
                .withProperty("EUREKA_PASSWORD", "q8Zr2vKx0pLm4sTy");
        environment.setActiveProfiles("prod");

        assertThatThrownBy(() -> RequiredSettingsCheck.check(environment))
                .hasMessageStartingWith("Development value in JWT_HMAC_SECRET (profile prod");
    }

    @Test
    void containerProfilesRefuseShortValues() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(RequiredSettingsCheck.REQUIRED, "EUREKA_PASSWORD")
                .withProperty("EUREKA_PASSWORD", "s3cret");
        environment.setActiveProfiles("docker");

        assertThatThrownBy(() -> RequiredSettingsCheck.check(environment))
                .hasMessageStartingWith("Shorter than 16 characters: EUREKA_PASSWORD (profile docker");
    }
}
