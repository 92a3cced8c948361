package egovframework.msa.sample.gateway.edge;

import egovframework.msa.sample.support.startup.InvalidSettingException;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The URL callers reach the gateway at ({@code GATEWAY_PUBLIC_URL}): scheme, host and port, nothing else. The
 * gateway presents it as the request's own (EdgeRequestFilter), so Zuul's X-Forwarded-Host/-Proto/-Port and the
 * services' Location headers name it whatever {@code Host} a caller sends.
 */
final class PublicUrl {

    private final String scheme;
    private final String host;
    private final int port;

    private PublicUrl(String scheme, String host, int port) {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
    }

    static PublicUrl parse(String value) {
        if (value == null || value.isBlank()) {
            throw invalid("is not set: name the URL callers reach the gateway at, e.g. https://egov-msa.example.go.kr");
        }
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw invalid("'" + value + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid("'" + value + "' is not an http or https URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw invalid("'" + value + "' names no host, or a login");
        }
        boolean rootOnly = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        if (!rootOnly || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            // The routes are served at the root; a path would need a prefix the services do not know.
            throw invalid("'" + value + "' has a path, query or fragment: scheme, host and port only");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new PublicUrl(scheme, uri.getHost().toLowerCase(), port);
    }

    private static InvalidSettingException invalid(String problem) {
        return new InvalidSettingException("GATEWAY_PUBLIC_URL (suite.gateway.public-url) " + problem);
    }

    String scheme() {
        return scheme;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    boolean secure() {
        return scheme.equals("https");
    }

    /** {@code scheme://host[:port]}, the port left out where it is the scheme's default. */
    String origin() {
        boolean defaultPort = port == (secure() ? 443 : 80);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    @Override
    public String toString() {
        return origin();
    }
}
