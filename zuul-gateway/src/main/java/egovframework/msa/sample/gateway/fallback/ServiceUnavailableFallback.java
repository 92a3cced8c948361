package egovframework.msa.sample.gateway.fallback;

import egovframework.msa.sample.support.problem.Problems;
import egovframework.msa.sample.support.resilience.FallbackLog;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.netflix.zuul.filters.route.FallbackProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Answers for a route whose service cannot be reached (no instance, connection refused, timeout, open
 * circuit): 503 with a JSON problem body that names the service, never a stack trace. Counted and
 * logged at most once per 10 s.
 */
public final class ServiceUnavailableFallback implements FallbackProvider {

    private static final MediaType PROBLEM_JSON_UTF8 = new MediaType(Problems.PROBLEM_JSON, StandardCharsets.UTF_8);

    private final String route;
    private final FallbackLog log;

    public ServiceUnavailableFallback(String route) {
        this.route = route;
        this.log = new FallbackLog(LoggerFactory.getLogger(ServiceUnavailableFallback.class),
                "Route " + route + " answered from fallback (503)");
    }

    @Override
    public String getRoute() {
        return route;
    }

    @Override
    public ClientHttpResponse fallbackResponse(String route, Throwable cause) {
        log.record(FallbackLog.describe(cause));
        return new Response(body(route));
    }

    static byte[] body(String route) {
        return Problems.json(HttpStatus.SERVICE_UNAVAILABLE,
                "Service '" + route + "' is unavailable, please try again shortly", Map.of("service", route));
    }

    private static final class Response implements ClientHttpResponse {
        private final byte[] body;

        Response(byte[] body) {
            this.body = body;
        }

        @Override
        public HttpStatus getStatusCode() {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }

        @Override
        public int getRawStatusCode() {
            return HttpStatus.SERVICE_UNAVAILABLE.value();
        }

        @Override
        public String getStatusText() {
            return HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase();
        }

        @Override
        public void close() {
            // nothing to release
        }

        @Override
        public InputStream getBody() {
            return new ByteArrayInputStream(body);
        }

        @Override
        public HttpHeaders getHeaders() {
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(PROBLEM_JSON_UTF8);
            headers.setContentLength(body.length);
            return headers;
        }
    }
}
