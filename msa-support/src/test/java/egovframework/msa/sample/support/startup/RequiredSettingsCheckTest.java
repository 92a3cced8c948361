package egovframework.msa.sample.support.startup;

import egovframework.msa.sample.support.topology.TopologyDefaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequiredSettingsCheckTest {

    @Test
    void onlyTheLocalProfileMayUseTheDevelopmentDefaults() {
        MockEnvironment environment = withTopologyDefaults("EUREKA_PASSWORD,MANAGEMENT_PASSWORD");
        environment.setActiveProfiles("local");
        assertThat(environment.getProperty("MANAGEMENT_PASSWORD")).startsWith("dev-");
        assertThatCode(() -> RequiredSettingsCheck.check(environment)).doesNotThrowAnyException();
    }

    @Test
    void aStartWithoutAProfileFailsClosed() {
        MockEnvironment environment = withTopologyDefaults("EUREKA_PASSWORD,MANAGEMENT_PASSWORD");

        assertThatThrownBy(() -> RequiredSettingsCheck.check(environment))
                .isInstanceOf(RequiredSettingsCheck.MissingSettingsException.class)
                .hasMessage("Missing EUREKA_PASSWORD, MANAGEMENT_PASSWORD (a start without a profile is not a local run"
                        + " and takes credentials and keys from the environment, fresh random values; README; development"
                        + " defaults only under the local profile, which ./suite sets)");
    }

    /** A VM's or a systemd unit's own profile names: none of them is local, so each is checked. */
    @ParameterizedTest
    @ValueSource(strings = {"prod-kr", "production", "staging", "default", "LOCAL", "locale", "dev"})
    void everyOtherProfileFailsClosed(String profile) {
        MockEnvironment environment = withTopologyDefaults("MANAGEMENT_PASSWORD");
        environment.setActiveProfiles(profile);

        assertThatThrownBy(() -> RequiredSettingsCheck.check(environment))
                .hasMessageStartingWith("Missing MANAGEMENT_PASSWORD (profile " + profile + " is not a local run");
    }

    @Test
    void otherProfilesRefuseDevelopmentAndShortValuesToo() {
        MockEnvironment development = withTopologyDefaults("JWT_HMAC_SECRET")
                .withProperty("JWT_HMAC_SECRET", "dev-jwt-hmac-key-for-local-runs-only-never-deploy");
        development.setActiveProfiles("prod-kr");
        assertThatThrownBy(() -> RequiredSettingsCheck.check(development))
                .hasMessageStartingWith("Development value in JWT_HMAC_SECRET (profile prod-kr");

        MockEnvironment shortValue = withTopologyDefaults("RABBITMQ_PASSWORD").withProperty("RABBITMQ_PASSWORD", "guest");
        assertThatThrownBy(() -> RequiredSettingsCheck.check(shortValue))
                .hasMessageStartingWith("Shorter than 16 characters: RABBITMQ_PASSWORD (a start without a profile");
    }

    @Test
    void aRequiredNameThatIsNoSecretMayBeShortButMustBeSet() {
        MockEnvironment environment = withTopologyDefaults("CUSTOMER_EVENTS_PUBLISHER,RABBITMQ_PASSWORD")
                .withProperty("CUSTOMER_EVENTS_PUBLISHER", "customer-events").withProperty("RABBITMQ_PASSWORD", "Gq8wE3rTy6Ui1OpA");
        environment.setActiveProfiles("docker");
        assertThatCode(() -> RequiredSettingsCheck.check(environment)).doesNotThrowAnyException();

        MockEnvironment unset = withTopologyDefaults("CUSTOMER_EVENTS_PUBLISHER");
        unset.setActiveProfiles("docker");
        assertThat(unset.getProperty("CUSTOMER_EVENTS_PUBLISHER")).isEqualTo("guest");
        assertThatThrownBy(() -> RequiredSettingsCheck.check(unset)).hasMessageStartingWith("Missing CUSTOMER_EVENTS_PUBLISHER (profile docker");
    }

    @Test
    void aStartOutsideLocalWithEverythingSetStarts() {
        MockEnvironment environment = withTopologyDefaults("EUREKA_PASSWORD").withProperty("EUREKA_PASSWORD", "q8Zr2vKx0pLm4sTy");
        environment.setActiveProfiles("prod-kr");
        assertThatCode(() -> RequiredSettingsCheck.check(environment)).doesNotThrowAnyException();
    }

    @Test
    void aContainerProfileBesideLocalIsStillChecked() {
        MockEnvironment environment = withTopologyDefaults("EUREKA_PASSWORD");
        environment.setActiveProfiles("local", "docker");

        assertThatThrownBy(() -> RequiredSettingsCheck.check(environment))
                .hasMessageStartingWith("Missing EUREKA_PASSWORD (profile docker takes credentials");
    }

    @Test
    void theImageRefusesTheLocalProfile() {
        MockEnvironment environment = withTopologyDefaults("EUREKA_PASSWORD").withProperty("SUITE_IMAGE", "true");
        environment.setActiveProfiles("local");

        assertThatThrownBy(() -> RequiredSettingsCheck.check(environment))
                .isInstanceOf(RequiredSettingsCheck.MissingSettingsException.class)
                .hasMessageStartingWith("The local profile is for a developer's machine, not for the suite's image"
                        + " (SUITE_IMAGE=true)")
                .satisfies(e -> assertThat(new StartupFailureReporter(new GenericApplicationContext())
                        .reportException(new IllegalStateException("wrapped", e))).isTrue());
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
        MockEnvironment environment = withTopologyDefaults("MANAGEMENT_PASSWORD,RABBITMQ_PASSWORD");
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

    /** An environment as a service starts with: its required settings, and topology.properties' defaults under them. */
    private static MockEnvironment withTopologyDefaults(String required) {
        MockEnvironment environment = new MockEnvironment().withProperty(RequiredSettingsCheck.REQUIRED, required);
        new TopologyDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
