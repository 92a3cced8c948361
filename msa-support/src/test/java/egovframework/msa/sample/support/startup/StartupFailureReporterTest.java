package egovframework.msa.sample.support.startup;

import egovframework.msa.sample.support.schema.SchemaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReporterTest {

    @Test
    void claimsTheFailFastFailureFromConfigClient() {
        RuntimeException failure = new IllegalStateException("wrapped",
                new IllegalStateException("Could not locate PropertySource and the fail fast property is set, failing"));
        assertThat(new StartupFailureReporter(new GenericApplicationContext()).reportException(failure)).isTrue();
    }

    @Test
    void leavesOtherStartupFailuresToSpringBoot() {
        RuntimeException failure = new IllegalStateException("Port 8081 was already in use");
        assertThat(new StartupFailureReporter(new GenericApplicationContext()).reportException(failure)).isFalse();
    }

    @Test
    void namesTheConfigServerWithoutThePasswordOfItsUrl(CapturedOutput output) {
        GenericApplicationContext context = new GenericApplicationContext();
        context.setEnvironment(new MockEnvironment()
                .withProperty("spring.cloud.config.uri", "https://catalogs:s3cret-config-pw@config.example:8888"));
        RuntimeException failure = new IllegalStateException("Could not locate PropertySource and the fail fast property is set");

        assertThat(new StartupFailureReporter(context).reportException(failure)).isTrue();

        assertThat(output.getOut()).contains("Config server unreachable at https://catalogs:****@config.example:8888")
                .doesNotContain("s3cret-config-pw");
    }

    @Test
    void reportsAnInvalidSettingAsOneLine(CapturedOutput output) {
        RuntimeException failure = new IllegalStateException("Error creating bean with name 'edgeSettings'",
                new IllegalStateException("Failed to bind properties", new InvalidSettingException("TRUSTED_PROXIES: x is not a CIDR")));

        assertThat(new StartupFailureReporter(new GenericApplicationContext()).reportException(failure)).isTrue();

        assertThat(output.getOut()).contains("Refusing to start. TRUSTED_PROXIES: x is not a CIDR").doesNotContain("edgeSettings");
    }

    @Test
    void reportsASchemaProblemAsItsOneLine(CapturedOutput output) {
        String problem = "Refusing to start: the schema of customer on jdbc:h2:mem:x is not migrated (4 pending migrations, up to version 4)";
        RuntimeException failure = new IllegalStateException("Error creating bean with name 'flywayInitializer'",
                new SchemaException(problem));

        assertThat(new StartupFailureReporter(new GenericApplicationContext()).reportException(failure)).isTrue();

        assertThat(output.getOut()).contains(problem).doesNotContain("flywayInitializer");
    }
}
