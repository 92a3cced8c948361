package egovframework.msa.sample.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConstructorBinding;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Which bearer tokens the suite accepts (config-repo/application.yml, {@code suite.security.jwt}): the
 * suite's own HS256 tokens, or an identity provider's when a JWK set is configured. Either way a token
 * must name this issuer and audience, carry {@code exp}, and live no longer than {@code max-lifetime}.
 */
@ConstructorBinding
@ConfigurationProperties("suite.security.jwt")
public class TokenProperties {

    /** HS256 needs a key of at least 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;

    private final String hmacSecret;
    private final String jwkSetUri;
    private final String issuer;
    private final String audience;
    private final Duration maxLifetime;
    private final Duration jwkTimeout;

    public TokenProperties(String hmacSecret, String jwkSetUri, String issuer, String audience,
                           Duration maxLifetime, Duration jwkTimeout) {
        this.hmacSecret = hmacSecret == null ? "" : hmacSecret;
        this.jwkSetUri = jwkSetUri == null ? "" : jwkSetUri.strip();
        // Also set in application.yml; kept here because a blank or missing value must never switch a check off.
        this.issuer = blankTo(issuer, Tokens.SUITE_ISSUER);
        this.audience = blankTo(audience, Tokens.SUITE_AUDIENCE);
        this.maxLifetime = maxLifetime == null ? Duration.ofHours(24) : maxLifetime;
        this.jwkTimeout = jwkTimeout == null ? Duration.ofSeconds(5) : jwkTimeout;
        if (this.jwkSetUri.isEmpty() && this.hmacSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("JWT_HMAC_SECRET (suite.security.jwt.hmac-secret) is missing or shorter than "
                    + MIN_SECRET_BYTES + " bytes, and no JWT_JWK_SET_URI is set");
        }
        if (this.maxLifetime.isNegative() || this.maxLifetime.isZero()) {
            throw new IllegalStateException("suite.security.jwt.max-lifetime must be positive");
        }
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    public String getHmacSecret() {
        return hmacSecret;
    }

    public String getJwkSetUri() {
        return jwkSetUri;
    }

    public String getIssuer() {
        return issuer;
    }

    public String getAudience() {
        return audience;
    }

    public Duration getMaxLifetime() {
        return maxLifetime;
    }

    public Duration getJwkTimeout() {
        return jwkTimeout;
    }

    /** The suite's own HMAC key signs tokens (and this service could mint them); false with an identity provider. */
    public boolean isHmac() {
        return jwkSetUri.isEmpty();
    }
}
