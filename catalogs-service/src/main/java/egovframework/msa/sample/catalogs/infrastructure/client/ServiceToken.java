package egovframework.msa.sample.catalogs.infrastructure.client;

import egovframework.msa.sample.support.security.TokenProperties;
import egovframework.msa.sample.support.security.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * catalogs reads customers in its own name: a short-lived token with only the read scope, signed with the
 * suite's key and renewed before it expires. Whether the caller sees the data in full is decided here in
 * catalogs (CatalogsController), from the caller's own token. With an identity provider (JWK set) there is
 * no key to sign with: catalogs then calls without a token and customer-service refuses (SECURITY.md).
 */
@Component
public class ServiceToken implements ClientHttpRequestInterceptor {

    static final String SUBJECT = "catalogs-service";
    static final Duration LIFETIME = Duration.ofMinutes(10);
    /** Renewed this long before it expires, so no call carries a token about to run out. */
    static final Duration RENEW_BEFORE = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(ServiceToken.class);

    private final TokenProperties properties;
    private final Clock clock;
    /** The token and when to renew it, swapped as one: every lookup reads it without a lock. */
    private volatile Issued issued = new Issued(null, Instant.MIN);

    ServiceToken(TokenProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        if (!properties.isHmac()) {
            log.warn("JWT_JWK_SET_URI is set: catalogs has no key to sign its own token, so customer-service will refuse its lookups");
        }
    }

    String current() {
        Issued now = issued;
        if (clock.instant().isBefore(now.renewAt)) {
            return now.token;
        }
        synchronized (this) {
            if (!clock.instant().isBefore(issued.renewAt)) {
                Instant at = clock.instant();
                issued = new Issued(Tokens.mint(properties, SUBJECT, List.of(Tokens.READ_SCOPE), List.of(), LIFETIME, clock),
                        at.plus(LIFETIME).minus(RENEW_BEFORE));
            }
            return issued.token;
        }
    }

    private static final class Issued {
        final String token;
        final Instant renewAt;

        Issued(String token, Instant renewAt) {
            this.token = token;
            this.renewAt = renewAt;
        }
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        if (properties.isHmac()) {
            request.getHeaders().setBearerAuth(current());
        }
        return execution.execute(request, body);
    }
}
