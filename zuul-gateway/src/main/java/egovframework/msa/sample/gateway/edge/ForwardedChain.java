package egovframework.msa.sample.gateway.edge;

import javax.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The forwarded chain a request carries, client first: the hops of {@code X-Forwarded-For} (every header line, in
 * order), or, only when there is none, the {@code for=} values of {@code Forwarded} (RFC 7239: elements split at
 * commas, pairs at semicolons, quoted strings with backslash escapes, parameter names in any case; an element
 * without {@code for} is an unknown hop). X-Forwarded-For first because it is what ingress controllers write
 * (ingress-nginx, cloud load balancers): a proxy that writes only Forwarded must drop a client's X-Forwarded-For.
 */
final class ForwardedChain {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String FORWARDED = "Forwarded";

    private ForwardedChain() {
    }

    static List<String> of(HttpServletRequest request) {
        List<String> xForwardedFor = Collections.list(request.getHeaders(X_FORWARDED_FOR));
        if (!xForwardedFor.isEmpty()) {
            List<String> hops = new ArrayList<>();
            for (String line : xForwardedFor) {
                for (String hop : line.split(",", -1)) {
                    hops.add(hop.strip());
                }
            }
            return hops;
        }
        List<String> hops = new ArrayList<>();
        for (String line : Collections.list(request.getHeaders(FORWARDED))) {
            for (String element : split(line, ',')) {
                hops.add(forValue(element));
            }
        }
        return hops;
    }

    /** The {@code for} value of one element, unquoted; empty if it has none. */
    static String forValue(String element) {
        for (String pair : split(element, ';')) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).strip().equalsIgnoreCase("for")) {
                return unquote(pair.substring(equals + 1).strip());
            }
        }
        return "";
    }

    /** Splits at {@code separator} outside quoted strings. */
    static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                part.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        parts.add(part.toString());
        return parts;
    }

    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
