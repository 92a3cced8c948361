package egovframework.msa.sample.launcher;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Bearer tokens for a developer's own suite: signed (HS256) with the key the launcher gives the services,
 * with the suite's issuer and audience and a lifetime of at most 24 h. An admin task run once
 * (./suite token), not a login service; a real deployment plugs in an identity provider.
 */
public final class DevelopmentTokens {

    public static final String ISSUER = "egov-msa-suite";
    public static final String AUDIENCE = "egov-msa-suite";
    /** The longest lifetime the services accept by default (suite.security.jwt.max-lifetime). */
    public static final Duration MAX_LIFETIME = Duration.ofHours(24);
    /** What a subject, scope or role may be made of: no quote, backslash or space can reach the JSON. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9:._@-]{1,64}");

    private DevelopmentTokens() {
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return Stream.of(lists).flatMap(List::stream).collect(Collectors.toList());
    }

    /** The setting that holds the HS256 key of the suite's tokens. */
    public static final String KEY_SETTING = "JWT_HMAC_SECRET";

    /**
     * The HS256 key of a local run: JWT_HMAC_SECRET when the developer set one, otherwise the random key
     * {@code ./suite up} made for this run ({@link RunSecrets}). The launcher hands the same value to every
     * service it starts (SuiteLayout), so the tokens made here are the ones the services accept, and no key
     * committed to the repository opens a running suite.
     */
    public static String secret(SuiteLayout layout) {
        return RunSecrets.of(layout).get(KEY_SETTING);
    }

    /** The operators' login to the services' operations endpoints (HTTP Basic header), as the services resolve it. */
    public static String managementLogin() {
        return basic(Topology.setting("MANAGEMENT_USERNAME"), Topology.setting("MANAGEMENT_PASSWORD"));
    }

    /** An HTTP Basic authorization header. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The AMQP login of a local run (the broker of customer events), as the services resolve it: by default
     * guest/guest, RabbitMQ's own default, which it accepts from this machine only. The embedded broker
     * (module embedded-broker) gets the same login and listens on 127.0.0.1 only.
     */
    public static String brokerUsername() {
        return Topology.setting("RABBITMQ_USERNAME");
    }

    public static String brokerPassword() {
        return Topology.setting("RABBITMQ_PASSWORD");
    }

    /**
     * A signed JWT for {@code subject} with the given scopes and roles, valid from now for {@code ttl}. Built as
     * text: the launcher runs with nothing on its class path but itself ({@code java -jar}, before anything is
     * built), so no JOSE or JSON library; every value is checked against {@link #NAME} instead of escaped, so
     * nothing a developer types can add a claim.
     */
    public static String mint(String secret, String subject, List<String> scopes, List<String> roles, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_LIFETIME) > 0) {
            throw new LauncherException("a token lives from 1 minute to " + MAX_LIFETIME.toMinutes()
                    + " minutes (24 h, the services' maximum)");
        }
        for (String value : concat(List.of(subject), scopes, roles)) {
            if (!NAME.matcher(value).matches()) {
                throw new LauncherException("'" + value + "' cannot go into a token: use letters, digits and : . _ @ - only"
                        + " (at most 64)");
            }
        }
        Instant now = Instant.now();
        return signed(secret, "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"" + subject
                + "\",\"scope\":\"" + String.join(" ", scopes) + "\",\"roles\":[" + roles.stream().map(r -> "\"" + r + "\"")
                .collect(Collectors.joining(",")) + "],\"iat\":" + now.getEpochSecond() + ",\"exp\":"
                + now.plus(ttl).getEpochSecond() + "}");
    }

    /** Any claims (a JSON object), signed HS256 as they are: also how the tests build the tokens the suite must refuse. */
    public static String signed(String secret, String claimsJson) {
        String signingInput = base64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + base64url(claimsJson);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Base64url without padding, as JWTs encode their parts. */
    public static String base64url(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
