package egovframework.msa.sample.dashboard;

import egovframework.msa.sample.support.security.ManagementSecurityAutoConfiguration;
import egovframework.msa.sample.support.security.ManagementSecurityAutoConfiguration.ManagementLogin;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

import javax.servlet.http.HttpServletRequest;

/**
 * Opening the dashboard's root goes straight to the Hystrix monitor showing this app's own Turbine
 * stream, addressed by the host the browser used, so there is no stream URL to paste. The stream URL
 * carries the read-only stream key: the monitor fetches it through the dashboard's proxy, which sends
 * no login (only operators, logged in, reach this page).
 */
@Controller
class DashboardHomeController {

    static final String TITLE = "egov-msa-suite";

    private final ManagementLogin login;

    DashboardHomeController(ManagementLogin login) {
        this.login = login;
    }

    @GetMapping("/")
    String home(HttpServletRequest request) {
        String stream = ServletUriComponentsBuilder.fromContextPath(request).path("/turbine.stream")
                .queryParam(ManagementSecurityAutoConfiguration.STREAM_KEY_PARAMETER, login.streamKey()).toUriString();
        return "redirect:" + monitorUrl(stream);
    }

    static String monitorUrl(String stream) {
        return UriComponentsBuilder.fromPath("/hystrix/monitor")
                .queryParam("stream", stream)
                .queryParam("title", TITLE)
                .encode()
                .toUriString();
    }
}
