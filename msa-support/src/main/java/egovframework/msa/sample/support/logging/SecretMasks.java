package egovframework.msa.sample.support.logging;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last line of defence against secrets in the logs: every log line, plain or JSON, passes through
 * {@link #mask(String)} (see logback-spring.xml). The code should not log secrets in the first place; this
 * catches what libraries print (Spring's request details at DEBUG, a URL with a login in an exception, a
 * token in a parser's error message).
 */
public final class SecretMasks {

    static final String MASK = "****";

    private static final List<Replacement> REPLACEMENTS = List.of(
            // Values the config server would decrypt: not plain text, but nothing to show either.
            new Replacement("\\{cipher\\}[^\\s\"',;}]+", "{cipher}" + MASK),
            // An Authorization header's whole value, however it is printed (authorization:"Basic ...").
            new Replacement("(?i)((?:proxy-)?authorization[\"']?\\s*[=:]\\s*[\"']?)[^\"'\\r\\n,]+", "$1" + MASK),
            // Credentials after their scheme elsewhere: "Bearer eyJ...", "Basic b3BlcmF0b3I6...". At least 8
            // characters with a digit or a symbol, so "Bearer token" and "basic settings" stay.
            new Replacement("(?i)\\b(bearer|basic)(\\s+)(?=[A-Za-z0-9._~+/-]*[0-9._~+/=-])[A-Za-z0-9._~+/-]{8,}=*",
                    "$1$2" + MASK),
            // A JWT (or JWE) anywhere else, e.g. in a URL or a parser's message: its header always starts "eyJ".
            new Replacement("\\beyJ[A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]*){1,4}", MASK),
            // The password of a URL's login: http://user:password@host (Eureka's defaultZone, a JDBC or git URL).
            new Replacement("(://[^/\\s:@]*):[^/\\s@]*@", "$1:" + MASK + "@"),
            // name=value and "name":"value" pairs whose name ends in a word that says secret, in any case and
            // with any separator (spring.datasource.password=..., JWT_HMAC_SECRET=..., access_token=...,
            // "password":"...", ENCRYPT_KEY=..., encrypt.key: ..., x-api-key: ...), also URL-encoded
            // (password%3D..., %22password%22%3A%22...%22). "key" only after a separator, so monkey=3 stays.
            new Replacement("(?i)((?:[\\w.-]|%[0-9a-f]{2})*(?:password|passwd|pwd|secret|token|api[_-]?key|(?:[._-]|%2e|%5f|%2d)key|credentials?)"
                    + "(?:[\"']|%2[27])?(?:\\s|%20|\\+)*(?:[=:]|%3[ad])(?:\\s|%20|\\+)*(?:[\"']|%2[27])?)"
                    + "(?!\\{cipher\\})(?:(?!%2[2267c]|%3b)[^\\s\"'&,;}\\]])+", "$1" + MASK),
            // Query parameters that carry a key: the Hystrix streams' ?key=<stream key>.
            new Replacement("([?&](?:key|sig|signature)=)[^&\\s\"']+", "$1" + MASK));

    private SecretMasks() {
    }

    /** The text with every secret it recognises replaced by {@value #MASK}; the same instance when none. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (Replacement replacement : REPLACEMENTS) {
            masked = replacement.apply(masked);
        }
        return masked.equals(text) ? text : masked;
    }

    private static final class Replacement {
        private final Pattern pattern;
        private final String replacement;

        Replacement(String regex, String replacement) {
            this.pattern = Pattern.compile(regex);
            this.replacement = replacement;
        }

        String apply(String text) {
            Matcher matcher = pattern.matcher(text);
            return matcher.find() ? matcher.replaceAll(replacement) : text;
        }
    }
}
