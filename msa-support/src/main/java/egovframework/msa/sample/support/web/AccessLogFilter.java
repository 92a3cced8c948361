package egovframework.msa.sample.support.web;

import net.logstash.logback.argument.StructuredArguments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * One log line per request on the application port: method, path, status, time taken, the client's address
 * and the subject of its token, e.g. {@code GET /customers/1234 200 12 ms client=203.0.113.7 subject=hong}
 * ({@code subject=-} without a valid token). Each line carries the request's trace id (Sleuth puts it into
 * the log context), so an operator follows one request from the gateway through every service it reached.
 * Tomcat's own access log cannot: it writes its own format, without the log context.
 *
 * <p>The client's address is the request's remote address: at the gateway the caller's own (or, behind a
 * trusted proxy, the one the proxy names: zuul-gateway's EdgeRequestFilter), in the services the one the
 * gateway forwards (X-Forwarded-For, read by Tomcat: server.forward-headers-strategy native). The subject
 * comes from the security chain ({@link RequestSubject}). Both are also fields of their own in the JSON
 * layout. The query string is left out (it may carry personal data) and control characters are replaced,
 * so a request cannot forge log lines.
 */
final class AccessLogFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger("egovframework.msa.sample.access");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            if (log.isInfoEnabled()) {
                log.info("{} {} {} {} ms {} {}", request.getMethod(), printable(request.getRequestURI()),
                        failed ? 500 : response.getStatus(), (System.nanoTime() - started) / 1_000_000,
                        StructuredArguments.kv("client", printable(String.valueOf(request.getRemoteAddr()))),
                        StructuredArguments.kv("subject", printable(RequestSubject.of(request))));
            }
        }
    }

    static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 512));
        for (int i = 0; i < text.length() && i < 512; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return text.length() > 512 ? out.append("...").toString() : out.toString();
    }
}
