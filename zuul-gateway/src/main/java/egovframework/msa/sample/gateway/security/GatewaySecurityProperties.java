package egovframework.msa.sample.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConstructorBinding;

import java.nio.charset.StandardCharsets;

/** Who may change customers through the gateway (config-repo/zuul-gateway.yml, gateway.security). */
@ConstructorBinding
@ConfigurationProperties("gateway.security")
public class GatewaySecurityProperties {

    /** HS256 needs a key of at least 256 bits. */
    static final int MIN_SECRET_BYTES = 32;

    private final String hmacSecret;
    private final String jwkSetUri;
    private final String writeScope;
    private final String adminRole;

    public GatewaySecurityProperties(String hmacSecret, String jwkSetUri, String writeScope, String adminRole) {
        this.hmacSecret = hmacSecret == null ? "" : hmacSecret;
        this.jwkSetUri = jwkSetUri == null ? "" : jwkSetUri.strip();
        this.writeScope = writeScope == null ? "customers:write" : writeScope;
        this.adminRole = adminRole == null ? "ADMIN" : adminRole;
        if (this.jwkSetUri.isEmpty() && this.hmacSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            // Also what happens when the config server could not decrypt the {cipher} value (wrong ENCRYPT_KEY).
            throw new IllegalStateException("gateway.security.hmac-secret is missing or shorter than "
                    + MIN_SECRET_BYTES + " bytes, and no gateway.security.jwk-set-uri is set");
        }
    }

    public String getHmacSecret() {
        return hmacSecret;
    }

    public String getJwkSetUri() {
        return jwkSetUri;
    }

    public String getWriteScope() {
        return writeScope;
    }

    public String getAdminRole() {
        return adminRole;
    }
}
