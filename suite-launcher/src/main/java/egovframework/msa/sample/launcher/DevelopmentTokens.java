package egovframework.msa.sample.launcher;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Bearer tokens for a developer's own suite: signed (HS256) with the gateway's key, which it asks the
 * running config server for, as any client with the config server's credentials could. An admin task
 * run once (./suite token), not a login service; a real deployment plugs in an identity provider.
 */
public final class DevelopmentTokens {

    public static final String ISSUER = "egov-msa-suite";
    private static final Pattern SECRET = Pattern.compile("\"gateway\\.security\\.hmac-secret\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private DevelopmentTokens() {
    }

    /** The gateway's HMAC key as the config server serves it (decrypted). */
    public static String gatewaySecret(String configServerUrl, String username, String password) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(configServerUrl + "/zuul-gateway/default"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new LauncherException("config server at " + configServerUrl + " answered " + response.statusCode()
                        + "; is the suite up, and are CONFIG_SERVER_USERNAME/CONFIG_SERVER_PASSWORD right?");
            }
            Matcher matcher = SECRET.matcher(response.body());
            if (!matcher.find()) {
                throw new LauncherException("the config server serves no gateway.security.hmac-secret");
            }
            return matcher.group(1).replace("\\/", "/").replace("\\\"", "\"").replace("\\\\", "\\");
        } catch (IOException e) {
            throw new LauncherException("config server at " + configServerUrl + " is not reachable; run ./suite up first");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted");
        }
    }

    /** A signed JWT for {@code subject} with the given scopes and roles, valid from now for {@code ttl}. */
    public static String mint(String secret, String subject, List<String> scopes, List<String> roles, Duration ttl) {
        Instant now = Instant.now();
        String header = json("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String payload = json("{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"scope\":\""
                + String.join(" ", scopes) + "\",\"roles\":[" + roles.stream().map(r -> "\"" + r + "\"")
                .collect(Collectors.joining(",")) + "],\"iat\":" + now.getEpochSecond() + ",\"exp\":"
                + now.plus(ttl).getEpochSecond() + "}");
        String signingInput = header + "." + payload;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
