package egovframework.msa.sample.support.accessrecord;

import egovframework.msa.sample.support.startup.StartupFailureReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Records are on wherever a service has a database; off only when a local run asks, and refused anywhere else. */
@ExtendWith(OutputCaptureExtension.class)
class AccessRecordsAutoConfigurationTest {

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, AccessRecordsAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:auto-config", "suite.access-records.queue-capacity=10",
                    "suite.access-records.batch-size=10", "suite.access-records.retry-interval=1s",
                    "suite.access-records.stop-timeout=1s");

    @Test
    void onUnlessSaidOtherwise() {
        service.run(context -> {
            assertThat(context.getBean(AccessRecords.class).enabled()).isTrue();
            assertThat(context.getBean(AccessRecordWriter.class).isRunning()).isTrue();
        });
    }

    @Test
    void offOnlyUnderTheLocalProfile() {
        service.withPropertyValues("suite.access-records.enabled=false", "spring.profiles.active=local").run(context -> {
            assertThat(context.getBean(AccessRecords.class).enabled()).isFalse();
            assertThat(context).doesNotHaveBean(AccessRecordWriter.class);
        });
    }

    @Test
    void offAnywhereElseRefusesToStartInOneLine(CapturedOutput output) {
        for (String profiles : new String[]{"", "k8s", "prod-kr", "docker,local-ish"}) {
            service.withPropertyValues("suite.access-records.enabled=false", "spring.profiles.active=" + profiles).run(context -> {
                assertThat(context).hasFailed();
                Throwable failure = context.getStartupFailure();
                assertThat(new StartupFailureReporter(null).reportException(failure)).as(profiles).isTrue();
            });
        }
        assertThat(output.getOut()).contains("Refusing to start: access records are off (suite.access-records.enabled=false,"
                + " ACCESS_RECORDS_ENABLED), which only a local run may do (profile local)");
    }

    @Test
    void aServiceWithoutADatabaseKeepsNone() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AccessRecordsAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(AccessRecords.class));
    }
}
