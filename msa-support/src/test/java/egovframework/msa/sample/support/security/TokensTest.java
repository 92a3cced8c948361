package egovframework.msa.sample.support.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokensTest {

    private static final String SECRET = "test-key-of-at-least-thirty-two-bytes-0123456789";
    private static final TokenProperties PROPERTIES = new TokenProperties(SECRET, null, null, null, null, null);
    private final JwtDecoder decoder = Tokens.decoder(PROPERTIES, new RestTemplateBuilder(), Clock.systemUTC());

    @Test
    void acceptsTheSuitesOwnTokensWithTheirAuthorities() {
        String token = Tokens.mint(PROPERTIES, "someone", List.of(Tokens.READ_SCOPE), List.of(Tokens.ADMIN_ROLE),
                Duration.ofMinutes(5), Clock.systemUTC());

        Jwt jwt = decoder.decode(token);

        assertThat(jwt.getSubject()).isEqualTo("someone");
        assertThat(Tokens.authorities().convert(jwt).getAuthorities()).extracting(Object::toString)
                .containsExactlyInAnyOrder("SCOPE_customers:read", "ROLE_ADMIN");
    }

    @Test
    void refusesATokenWithoutExpiry() {
        assertRefused(claims -> claims.expirationTime(null), "exp");
    }

    @Test
    void refusesAnExpiredToken() {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        assertRefused(claims -> claims.issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(600))), "expired");
    }

    @Test
    void refusesATokenThatLivesLongerThanTheMaximum() {
        Instant now = Instant.now();
        assertRefused(claims -> claims.issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(25)))),
                "longer than");
        // Leaving out iat does not help: the lifetime then counts from now.
        assertRefused(claims -> claims.issueTime(null).expirationTime(Date.from(now.plus(Duration.ofDays(365)))),
                "longer than");
    }

    @Test
    void refusesAnotherIssuerOrAudience() {
        assertRefused(claims -> claims.issuer("https://somebody.else"), "iss");
        assertRefused(claims -> claims.audience("another-api"), "audience");
        assertRefused(claims -> claims.audience((String) null), "audience");
    }

    @Test
    void refusesAnotherKeyAndUnsignedTokens() throws Exception {
        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), valid().build());
        forged.sign(new MACSigner("another-key-of-at-least-thirty-two-bytes-9876543210".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> decoder.decode(forged.serialize())).isInstanceOf(JwtException.class);

        String none = new PlainJWT(valid().build()).serialize();
        assertThatThrownBy(() -> decoder.decode(none)).isInstanceOf(JwtException.class);
    }

    @Test
    void mintingRefusesALifetimeOverTheMaximum() {
        assertThatThrownBy(() -> Tokens.mint(PROPERTIES, "x", List.of(), List.of(), Duration.ofHours(25), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMissingOrShortKeyStopsTheServiceNamingTheSetting() {
        assertThatThrownBy(() -> new TokenProperties("too-short", null, null, null, null, null))
                .hasMessageContaining("JWT_HMAC_SECRET");
        assertThat(new TokenProperties(null, "https://idp.example/jwks", null, null, null, null).isHmac()).isFalse();
    }

    private static JWTClaimsSet.Builder valid() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(Tokens.SUITE_ISSUER).audience(Tokens.SUITE_AUDIENCE).subject("x")
                .claim("scope", Tokens.WRITE_SCOPE).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)));
    }

    private void assertRefused(Consumer<JWTClaimsSet.Builder> change, String reason) {
        JWTClaimsSet.Builder claims = valid();
        change.accept(claims);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThatThrownBy(() -> decoder.decode(jwt.serialize())).isInstanceOf(JwtException.class)
                .hasMessageContaining(reason);
    }
}
