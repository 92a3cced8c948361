package egovframework.msa.sample.gateway.edge;

import org.springframework.web.filter.OncePerRequestFilter;

import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The request as everything after it at the gateway sees it, first of all filters: its remote address is the
 * real client's ({@link TrustedProxies}: the forwarded chain counts only from a trusted proxy), its scheme, host
 * and port are the public URL's ({@link PublicUrl}), and no Forwarded or X-Forwarded-* header of the caller's is
 * left. Zuul's PreDecorationFilter then writes X-Forwarded-For from getRemoteAddr, and X-Forwarded-Host/-Proto/
 * -Port from getServerName/getServerPort/getScheme (it appends to any such header it still found), and the
 * services build their Location headers from those.
 *
 * <p>Not Tomcat's RemoteIpValve ({@code server.tomcat.remoteip.*}): it trusts proxies by regex, not CIDR, leaves
 * an untrusted caller's headers in the request (Zuul would pass them on), and takes the host from the headers
 * instead of one configured URL. Not Spring's ForwardedHeaderFilter: it trusts every caller, or (remove-only,
 * what the gateway used before) none, and in Spring 5.2 never sets the remote address.
 */
final class EdgeRequestFilter extends OncePerRequestFilter {

    private final PublicUrl publicUrl;
    private final TrustedProxies trustedProxies;

    EdgeRequestFilter(PublicUrl publicUrl, TrustedProxies trustedProxies) {
        this.publicUrl = publicUrl;
        this.trustedProxies = trustedProxies;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // The chain is read only for a trusted connection; from anyone else it is never parsed.
        String client = trustedProxies.isEmpty() ? request.getRemoteAddr()
                : trustedProxies.clientAddress(request.getRemoteAddr(), ForwardedChain.of(request));
        chain.doFilter(new EdgeRequest(request, client, publicUrl), response);
    }

    /** A header the caller may not choose: Forwarded and every X-Forwarded-*. */
    static boolean forwardedHeader(String name) {
        return name != null && (name.equalsIgnoreCase(ForwardedChain.FORWARDED) || name.regionMatches(true, 0, "X-Forwarded-", 0, 12));
    }

    private static final class EdgeRequest extends HttpServletRequestWrapper {
        private final String client;
        private final PublicUrl publicUrl;

        EdgeRequest(HttpServletRequest request, String client, PublicUrl publicUrl) {
            super(request);
            this.client = client;
            this.publicUrl = publicUrl;
        }

        @Override
        public String getRemoteAddr() {
            return client;
        }

        /** The address, never a name: nothing at the gateway looks the client up. */
        @Override
        public String getRemoteHost() {
            return client;
        }

        @Override
        public String getScheme() {
            return publicUrl.scheme();
        }

        @Override
        public boolean isSecure() {
            return publicUrl.secure();
        }

        @Override
        public String getServerName() {
            return publicUrl.host();
        }

        @Override
        public int getServerPort() {
            return publicUrl.port();
        }

        @Override
        public StringBuffer getRequestURL() {
            return new StringBuffer(publicUrl.origin()).append(getRequestURI());
        }

        @Override
        public String getHeader(String name) {
            return forwardedHeader(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return forwardedHeader(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !forwardedHeader(name)).collect(Collectors.toList());
            return Collections.enumeration(names);
        }

        @Override
        public long getDateHeader(String name) {
            return forwardedHeader(name) ? -1 : super.getDateHeader(name);
        }

        @Override
        public int getIntHeader(String name) {
            return forwardedHeader(name) ? -1 : super.getIntHeader(name);
        }
    }
}
