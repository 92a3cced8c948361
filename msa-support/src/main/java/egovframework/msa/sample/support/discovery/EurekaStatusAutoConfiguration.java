package egovframework.msa.sample.support.discovery;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.HealthCheckHandler;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Once an instance is ready, its status in Eureka follows its readiness (Spring Boot's availability state): UP
 * while it accepts traffic, DOWN from the moment it starts to shut down. Before that it keeps the status Spring
 * Cloud registers it with when its web server starts.
 *
 * <p>Why not leave the status to Spring Cloud: on every refresh (POST /actuator/refresh or bus-refresh) Spring
 * Cloud deregisters the instance (DOWN) and registers it again (UP), while Eureka's replicator thread copies
 * the status it read a moment earlier back into the instance; when it read the DOWN, the instance stays DOWN
 * in the registry for good and the gateway stops routing to it (spring-cloud-netflix#4094, fixed only in
 * Eureka 2.x, which the Hoxton line does not ship). A {@link HealthCheckHandler} is asked for the status on
 * every replication, so a status it keeps itself cannot be overwritten by a stale copy.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "com.netflix.appinfo.HealthCheckHandler")
@ConditionalOnProperty(value = "eureka.client.enabled", matchIfMissing = true)
public class EurekaStatusAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(HealthCheckHandler.class)
    ReadinessStatus readinessIsEurekaStatus(ObjectProvider<ApplicationInfoManager> infoManager) {
        return new ReadinessStatus(infoManager);
    }

    static final class ReadinessStatus implements HealthCheckHandler {
        private final ObjectProvider<ApplicationInfoManager> infoManager;
        /** Null until the first readiness change: "keep the registered status". Kept here, not read from
         *  ApplicationAvailability, whose own listener may not have seen the change yet when Eureka asks. */
        private volatile InstanceStatus status;

        ReadinessStatus(ObjectProvider<ApplicationInfoManager> infoManager) {
            this.infoManager = infoManager;
        }

        @Override
        public InstanceStatus getStatus(InstanceStatus current) {
            return status;
        }

        /** Sends the new status at once, not at the next replication (eureka.client.instance-info-replication-interval-seconds). */
        @EventListener
        void onReadiness(AvailabilityChangeEvent<ReadinessState> event) {
            InstanceStatus next = event.getState() == ReadinessState.ACCEPTING_TRAFFIC ? InstanceStatus.UP : InstanceStatus.DOWN;
            status = next;
            infoManager.ifAvailable(manager -> manager.setInstanceStatus(next));
        }
    }
}
