package egovframework.msa.sample.dashboard;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

import javax.servlet.http.HttpServletRequest;

/**
 * Opening the dashboard's root goes straight to the Hystrix monitor showing this app's own Turbine
 * stream, addressed by the host the browser used, so there is no stream URL to paste.
 */
@Controller
class DashboardHomeController {

    static final String TITLE = "egov-msa-suite";

    @GetMapping("/")
    String home(HttpServletRequest request) {
        String stream = ServletUriComponentsBuilder.fromContextPath(request).path("/turbine.stream").toUriString();
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
