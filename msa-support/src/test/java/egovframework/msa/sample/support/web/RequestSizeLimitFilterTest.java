package egovframework.msa.sample.support.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import javax.servlet.http.HttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class RequestSizeLimitFilterTest {

    private final RequestSizeLimitFilter filter = new RequestSizeLimitFilter(10);

    @Test
    void declaredLengthOverTheLimitIs413WithAProblem() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/customers");
        request.setContent(new byte[11]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"status\":413").contains("larger than 10 bytes");
        assertThat(chain.getRequest()).as("nothing behind the filter saw it").isNull();
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        MockHttpServletRequest request = chunked("01234567890");
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, new MockFilterChain());

        assertThat(response.getStatus()).isEqualTo(413);
    }

    @Test
    void chunkedBodyWithinTheLimitReachesTheChainIntact() throws Exception {
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(chunked("{\"a\":1}"), new MockHttpServletResponse(), chain);

        HttpServletRequest passed = (HttpServletRequest) chain.getRequest();
        assertThat(passed.getContentLength()).isEqualTo(7);
        assertThat(new String(passed.getInputStream().readAllBytes())).isEqualTo("{\"a\":1}");
    }

    private static MockHttpServletRequest chunked(String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/customers") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        request.setContent(body.getBytes());
        request.addHeader("Transfer-Encoding", "chunked");
        return request;
    }
}
