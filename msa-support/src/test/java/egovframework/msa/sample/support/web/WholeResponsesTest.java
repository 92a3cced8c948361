package egovframework.msa.sample.support.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class WholeResponsesTest {

    @Test
    void anAnswerWrittenInPiecesLeavesInOnePieceWithItsLength() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        HttpServlet servlet = new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("application/json");
                resp.getOutputStream().write("{\"name\":".getBytes(StandardCharsets.UTF_8));
                resp.flushBuffer();
                assertThat(resp.isCommitted()).as("nothing leaves before the answer is complete").isFalse();
                resp.getOutputStream().write("\"홍길동\"}".getBytes(StandardCharsets.UTF_8));
            }
        };

        new WebSupportAutoConfiguration().wholeResponses().getFilter()
                .doFilter(new MockHttpServletRequest("GET", "/customers/1234"), response, new MockFilterChain(servlet));

        byte[] body = "{\"name\":\"홍길동\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(response.getContentAsByteArray()).isEqualTo(body);
        assertThat(response.getContentLength()).isEqualTo(body.length);
        assertThat(response.getHeader("ETag")).isNotBlank();
    }
}
