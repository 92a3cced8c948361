package egovframework.msa.sample.gateway.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewaySecurityPropertiesTest {

    private static final String KEY = "k".repeat(32);

    @Test
    void refusesAMissingOrShortKeyWhenNoIdentityProviderIsSet() {
        assertThatThrownBy(() -> new GatewaySecurityProperties(null, null, null, null))
                .hasMessageContaining("gateway.security.hmac-secret");
        // What a {cipher} value the config server could not decrypt looks like after binding.
        assertThatThrownBy(() -> new GatewaySecurityProperties("<n/a>", "", null, null))
                .hasMessageContaining("shorter than 32 bytes");
    }

    @Test
    void anIdentityProviderReplacesTheKey() {
        GatewaySecurityProperties properties = new GatewaySecurityProperties(null, "https://idp.example.go.kr/jwks", null, null);
        assertThat(new GatewaySecurityConfiguration(properties).jwtDecoder()).isInstanceOf(NimbusJwtDecoder.class);
    }

    @Test
    void defaultsNameTheWriteScopeAndTheAdminRole() {
        GatewaySecurityProperties properties = new GatewaySecurityProperties(KEY, null, null, null);
        assertThat(properties.getWriteScope()).isEqualTo("customers:write");
        assertThat(properties.getAdminRole()).isEqualTo("ADMIN");
        assertThat(new GatewaySecurityConfiguration(properties).jwtDecoder()).isNotNull();
    }
}
