package egovframework.msa.sample.dashboard;

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

        String target = new DashboardHomeController().home(request);

        assertThat(target).startsWith("redirect:/hystrix/monitor?stream=");
        assertThat(URLDecoder.decode(target, StandardCharsets.UTF_8))
                .contains("stream=http://dashboard.example:8989/turbine.stream")
                .contains("title=egov-msa-suite");
    }
}
