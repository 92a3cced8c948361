package egovframework.msa.sample.support.startup;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

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
}
