package egovframework.msa.sample.support.discovery;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.HealthCheckHandler;
import com.netflix.appinfo.InstanceInfo;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.commons.util.InetUtils;
import org.springframework.cloud.commons.util.InetUtilsProperties;
import org.springframework.cloud.netflix.eureka.EurekaInstanceConfigBean;

import static org.assertj.core.api.Assertions.assertThat;

class EurekaStatusAutoConfigurationTest {

    // The build turns Eureka off for every unit test (parent pom); here it is on, as in a running service.
    private final ApplicationContextRunner context = new ApplicationContextRunner().withPropertyValues("eureka.client.enabled=true")
            .withConfiguration(AutoConfigurations.of(EurekaStatusAutoConfiguration.class))
            .withBean(ApplicationInfoManager.class, () -> new ApplicationInfoManager(
                    new EurekaInstanceConfigBean(new InetUtils(new InetUtilsProperties())),
                    InstanceInfo.Builder.newBuilder().setAppName("CUSTOMER").setInstanceId("customer:8082").build()));

    @Test
    void theStatusEurekaReplicatesIsTheReadinessWhateverTheInstanceHeldBefore() {
        context.run(app -> {
            HealthCheckHandler handler = app.getBean(HealthCheckHandler.class);
            // Before the application is ready: no opinion, the status it registered with stands.
            assertThat(handler.getStatus(InstanceStatus.UP)).isNull();

            AvailabilityChangeEvent.publish(app, ReadinessState.ACCEPTING_TRAFFIC);
            // The stale DOWN that a refresh's deregistration left behind is not copied back.
            assertThat(handler.getStatus(InstanceStatus.DOWN)).isEqualTo(InstanceStatus.UP);

            AvailabilityChangeEvent.publish(app, ReadinessState.REFUSING_TRAFFIC);
            assertThat(handler.getStatus(InstanceStatus.UP)).isEqualTo(InstanceStatus.DOWN);
        });
    }

    @Test
    void aReadinessChangeSetsTheInstanceStatusAtOnce() {
        context.run(app -> {
            ApplicationInfoManager manager = app.getBean(ApplicationInfoManager.class);
            AvailabilityChangeEvent.publish(app, ReadinessState.ACCEPTING_TRAFFIC);
            assertThat(manager.getInfo().getStatus()).isEqualTo(InstanceStatus.UP);
            AvailabilityChangeEvent.publish(app, ReadinessState.REFUSING_TRAFFIC);
            assertThat(manager.getInfo().getStatus()).isEqualTo(InstanceStatus.DOWN);
        });
    }

    @Test
    void aServiceThatDoesNotUseEurekaGetsNeither() {
        context.withPropertyValues("eureka.client.enabled=false")
                .run(app -> assertThat(app).doesNotHaveBean(HealthCheckHandler.class));
    }
}
