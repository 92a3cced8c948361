package egovframework.msa.sample.support.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/**
 * The suite's bearer tokens, checked the same way by every service that reads them: Spring Security's
 * Nimbus decoder and validators, plus the three rules Spring Security 5.3 lacks (it skips a missing
 * {@code exp}, checks no audience and allows any lifetime).
 */
public final class Tokens {

    public static final String SUITE_ISSUER = "egov-msa-suite";
    public static final String SUITE_AUDIENCE = "egov-msa-suite";

    public static final String READ_SCOPE = "customers:read";
    public static final String WRITE_SCOPE = "customers:write";
    public static final String ADMIN_ROLE = "ADMIN";
    /** Who may read customers' personal data: the read scope, the write scope or the admin role. */
    public static final String[] CAN_READ_CUSTOMERS = {"SCOPE_" + READ_SCOPE, "SCOPE_" + WRITE_SCOPE, "ROLE_" + ADMIN_ROLE};
    /** Who may change customers. */
    public static final String[] CAN_WRITE_CUSTOMERS = {"SCOPE_" + WRITE_SCOPE, "ROLE_" + ADMIN_ROLE};

    private Tokens() {
    }

    /** The decoder for the configured key, with every rule of {@link #validator}. */
    public static JwtDecoder decoder(TokenProperties properties, RestTemplateBuilder restTemplates, Clock clock) {
        NimbusJwtDecoder decoder;
        if (properties.isHmac()) {
            decoder = NimbusJwtDecoder.withSecretKey(key(properties.getHmacSecret()))
                    .macAlgorithm(MacAlgorithm.HS256).build();
        } else {
            // The JWK set is fetched with timeouts: a slow identity provider must not hold request threads.
            decoder = NimbusJwtDecoder.withJwkSetUri(properties.getJwkSetUri())
                    .restOperations(restTemplates.setConnectTimeout(properties.getJwkTimeout())
                            .setReadTimeout(properties.getJwkTimeout()).build())
                    .build();
        }
        decoder.setJwtValidator(validator(properties, clock));
        return decoder;
    }

    /** Spring Security's time and issuer checks, then exp present, the audience, and the maximum lifetime. */
    public static OAuth2TokenValidator<Jwt> validator(TokenProperties properties, Clock clock) {
        OAuth2TokenValidator<Jwt> standard = JwtValidators.createDefaultWithIssuer(properties.getIssuer());
        OAuth2TokenValidator<Jwt> expiry = jwt -> jwt.getExpiresAt() != null ? OAuth2TokenValidatorResult.success()
                : failure("The token has no expiry (exp)");
        OAuth2TokenValidator<Jwt> audience = jwt -> jwt.getAudience() != null
                && jwt.getAudience().contains(properties.getAudience()) ? OAuth2TokenValidatorResult.success()
                : failure("The token is not meant for audience " + properties.getAudience());
        OAuth2TokenValidator<Jwt> lifetime = jwt -> {
            if (jwt.getExpiresAt() == null) {
                return failure("The token has no expiry (exp)");
            }
            // Counted from its issue time, and from now: Spring Security fills a missing iat with exp - 1 s, so
            // only the second catches a token that leaves iat out to live for ever.
            Duration fromIssue = jwt.getIssuedAt() == null ? Duration.ZERO : Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt());
            Duration fromNow = Duration.between(clock.instant(), jwt.getExpiresAt());
            return fromIssue.compareTo(properties.getMaxLifetime()) <= 0 && fromNow.compareTo(properties.getMaxLifetime()) <= 0
                    ? OAuth2TokenValidatorResult.success()
                    : failure("The token lives longer than " + properties.getMaxLifetime());
        };
        return new DelegatingOAuth2TokenValidator<>(standard, expiry, audience, lifetime);
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
    }

    /** Scopes ("scope"/"scp") become SCOPE_x as usual; the "roles" claim becomes ROLE_x. */
    public static Converter<Jwt, AbstractAuthenticationToken> authorities() {
        JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            Collection<GrantedAuthority> granted = new ArrayList<>(scopes.convert(jwt));
            List<String> roles = jwt.getClaimAsStringList("roles");
            if (roles != null) {
                roles.forEach(role -> granted.add(new SimpleGrantedAuthority("ROLE_" + role)));
            }
            return granted;
        });
        return converter;
    }

    /**
     * A token signed with the suite's HMAC key: what ./suite token hands a developer, and what a service
     * that holds the key uses to call another in its own name.
     */
    public static String mint(TokenProperties properties, String subject, List<String> scopes, List<String> roles,
                              Duration ttl, Clock clock) {
        if (!properties.isHmac()) {
            throw new IllegalStateException("tokens are issued by the identity provider, not minted here");
        }
        if (ttl.compareTo(properties.getMaxLifetime()) > 0) {
            throw new IllegalArgumentException("a token may live at most " + properties.getMaxLifetime());
        }
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(properties.getIssuer()).audience(properties.getAudience()).subject(subject)
                .claim("scope", String.join(" ", scopes)).claim("roles", roles)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(properties.getHmacSecret().getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    private static SecretKeySpec key(String secret) {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }
}
