package egovframework.msa.sample.gateway.edge;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConstructorBinding;

import java.util.List;

/**
 * What the gateway knows about its place at the edge (config-repo/zuul-gateway.yml, {@code suite.gateway}): the
 * URL callers reach it at and the proxies in front of it whose forwarded headers count. Invalid values stop the
 * start with one line (InvalidSettingException).
 */
@ConstructorBinding
@ConfigurationProperties("suite.gateway")
public class EdgeSettings {

    private final PublicUrl publicUrl;
    private final TrustedProxies trustedProxies;

    public EdgeSettings(String publicUrl, List<String> trustedProxies) {
        this.publicUrl = PublicUrl.parse(publicUrl);
        this.trustedProxies = TrustedProxies.parse(trustedProxies);
    }

    PublicUrl publicUrl() {
        return publicUrl;
    }

    TrustedProxies trustedProxies() {
        return trustedProxies;
    }
}
