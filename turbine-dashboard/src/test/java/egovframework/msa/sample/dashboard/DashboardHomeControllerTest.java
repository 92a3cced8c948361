package egovframework.msa.sample.dashboard;

import egovframework.msa.sample.support.security.ClientLogins;
import egovframework.msa.sample.support.security.ManagementSecurityAutoConfiguration.ManagementLogin;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardHomeControllerTest {

    @Test
    void redirectsToTheMonitorOfTheTurbineStreamOnTheHostTheBrowserUsed() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        request.setServerName("dashboard.example");
        request.setServerPort(8989);

        String target = new DashboardHomeController(new ManagementLogin("operator", "secret", "the-stream-key",
                new ClientLogins.Login("metrics", "scrape-secret"))).home(request);

        assertThat(target).startsWith("redirect:/hystrix/monitor?stream=");
        assertThat(URLDecoder.decode(target, StandardCharsets.UTF_8))
                .contains("stream=http://dashboard.example:8989/turbine.stream?key=the-stream-key")
                .contains("title=egov-msa-suite");
    }

    @Test
    void theProxyReachesOnlyTheSuitesStreams() {
        assertThat(DashboardSecurityConfiguration.isSuiteStream("http://localhost:9081/actuator/hystrix.stream?key=x")).isTrue();
        assertThat(DashboardSecurityConfiguration.isSuiteStream("http://localhost:8989/turbine.stream")).isTrue();
        assertThat(DashboardSecurityConfiguration.isSuiteStream("http://localhost:9081/actuator/env")).isFalse();
        assertThat(DashboardSecurityConfiguration.isSuiteStream("http://localhost:5432/")).isFalse();
        assertThat(DashboardSecurityConfiguration.isSuiteStream("http://localhost:9081/actuator/hystrix.stream/../env")).isFalse();
        assertThat(DashboardSecurityConfiguration.isSuiteStream("http://user:pw@localhost:9081/actuator/hystrix.stream")).isFalse();
        assertThat(DashboardSecurityConfiguration.isSuiteStream("file:///etc/passwd")).isFalse();
        assertThat(DashboardSecurityConfiguration.isSuiteStream("localhost:9081/actuator/hystrix.stream")).isFalse();
        assertThat(DashboardSecurityConfiguration.isSuiteStream(null)).isFalse();
    }
}
