package egovframework.msa.sample.support.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class AccessLogFilterTest {

    @Test
    void oneLinePerRequestWithMethodPathAndStatusButNoQueryString(CapturedOutput output) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/customers/1234");
        request.setQueryString("email=hong@example.com");
        new AccessLogFilter().doFilter(request, new MockHttpServletResponse(), new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) {
                resp.setStatus(404);
            }
        }));
        assertThat(output.getOut()).containsPattern("GET /customers/1234 404 \\d+ ms").doesNotContain("hong@example.com");
    }

    @Test
    void theLineNamesTheClientAddressAndTheSubjectOfTheToken(CapturedOutput output) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/customers/1234");
        request.setRemoteAddr("203.0.113.7");
        new AccessLogFilter().doFilter(request, new MockHttpServletResponse(),
                (req, resp) -> RequestSubject.set(req, "hong-gildong"));
        assertThat(output.getOut()).containsPattern("GET /customers/1234 200 \\d+ ms client=203.0.113.7 subject=hong-gildong");
    }

    @Test
    void withoutAnAuthenticatedSubjectTheLineSaysSo(CapturedOutput output) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/catalogs/customerinfo/1234");
        request.setRemoteAddr("2001:db8:0:0:0:0:0:7");
        new AccessLogFilter().doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
        assertThat(output.getOut()).containsPattern("(?m)GET /catalogs/customerinfo/1234 200 \\d+ ms client=2001:db8:0:0:0:0:0:7 subject=-$");
    }

    @Test
    void aSubjectCannotForgeALine(CapturedOutput output) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/customers/1234");
        new AccessLogFilter().doFilter(request, new MockHttpServletResponse(),
                (req, resp) -> RequestSubject.set(req, "x\r\nINFO forged"));
        assertThat(output.getOut()).contains("subject=x??INFO forged").doesNotContain("\nINFO forged");
    }

    @Test
    void aFailureIsLoggedAs500AndStillThrown(CapturedOutput output) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/customers\r\nINFO forged line");
        assertThatThrownBy(() -> new AccessLogFilter().doFilter(request, new MockHttpServletResponse(), (req, resp) -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(output.getOut()).contains("POST /customers??INFO forged line 500").doesNotContain("\nINFO forged line");
    }
}
