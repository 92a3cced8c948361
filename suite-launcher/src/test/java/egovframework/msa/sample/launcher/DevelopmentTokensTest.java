package egovframework.msa.sample.launcher;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevelopmentTokensTest {

    private static final String KEY = "a-test-key-of-at-least-thirty-two-bytes-123456";

    @Test
    void aMintedTokenCarriesTheSuitesClaimsAndAnHs256SignatureOverThem() throws Exception {
        String token = DevelopmentTokens.mint(KEY, "kim.dev", List.of("customers:read"), List.of("ADMIN"), Duration.ofMinutes(5));
        String[] parts = token.split("\\.");

        assertThat(parts).hasSize(3);
        assertThat(decode(parts[0])).isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        assertThat(decode(parts[1])).contains("\"iss\":\"egov-msa-suite\"", "\"aud\":\"egov-msa-suite\"", "\"sub\":\"kim.dev\"",
                "\"scope\":\"customers:read\"", "\"roles\":[\"ADMIN\"]");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII)));
        assertThat(parts[2]).isEqualTo(expected);
    }

    @Test
    void nothingTypedCanAddAClaim() {
        assertThatThrownBy(() -> DevelopmentTokens.mint(KEY, "dev", List.of("x\",\"roles\":[\"ADMIN"), List.of(), Duration.ofMinutes(5)))
                .isInstanceOf(LauncherException.class).hasMessageContaining("cannot go into a token");
        assertThatThrownBy(() -> DevelopmentTokens.mint(KEY, "dev\\", List.of("customers:read"), List.of(), Duration.ofMinutes(5)))
                .isInstanceOf(LauncherException.class);
        assertThatThrownBy(() -> DevelopmentTokens.mint(KEY, "dev", List.of(), List.of("ADMIN USER"), Duration.ofMinutes(5)))
                .isInstanceOf(LauncherException.class);
    }

    @Test
    void aLifetimeBeyondTheServicesMaximumIsRefused() {
        assertThatThrownBy(() -> DevelopmentTokens.mint(KEY, "dev", List.of("customers:read"), List.of(), Duration.ofHours(25)))
                .isInstanceOf(LauncherException.class).hasMessageContaining("24 h");
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
