package egovframework.msa.sample.eureka.security;

import com.netflix.eureka.resources.ServerCodecs;
import egovframework.msa.sample.support.security.ClientLogins;
import egovframework.msa.sample.support.security.ClientLoginsConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityConfigurerAdapter;
import org.springframework.security.web.access.intercept.FilterSecurityInterceptor;

/**
 * Least privilege at the registry (HTTP Basic; clients put their login in their defaultZone URL): every
 * application may read the registry, but registers, renews, changes and removes only instances of its own
 * name (CUSTOMER only with the customer login), and only under its own VIP addresses ({@link RegistrationCheck}),
 * so no one can take over another service's traffic. Prometheus' scrape login reads the registry (its service
 * discovery) and {@code /actuator/prometheus}, nothing more. The dashboard and everything else is for the
 * operator. Eureka clients and operators' tools (actuator, on the management port) post without CSRF tokens, so
 * CSRF protection is off for /eureka/** and /actuator/** and stays on for the dashboard's browser session.
 * Health and info stay open for probes.
 *
 * <p>Every Eureka 1.10 REST path, and whether it can set a VIP or send traffic somewhere. Spring Cloud maps
 * Jersey at {@code /eureka/*} and each resource is {@code /{version}/...} with a one-segment version, so Jersey
 * sees version "eureka" and serves no {@code /eureka/v2/...} (404; a write there is the operator's anyway).
 * <ul>
 * <li>{@code POST /eureka/apps/{app}} (also with a trailing slash): registers or replaces an instance with its
 * whole record, VIPs included. Own application only, and {@link RegistrationCheck} reads the body as Eureka
 * will and refuses VIPs of any other name.</li>
 * <li>{@code PUT /eureka/apps/{app}/{id}} (heartbeat; status, overriddenstatus, lastDirtyTimestamp in the
 * query): renews a lease or answers 404, upon which the client registers again (POST above); never a VIP.
 * Own application only.</li>
 * <li>{@code PUT|DELETE /eureka/apps/{app}/{id}/status}: an overridden status (OUT_OF_SERVICE, UP) takes the
 * instance out of or back into its own application's rotation; no VIP. Own application only.</li>
 * <li>{@code PUT /eureka/apps/{app}/{id}/metadata?k=v}: instance metadata, which Ribbon's lookup by VIP ignores;
 * no VIP. Own application only.</li>
 * <li>{@code DELETE /eureka/apps/{app}/{id}}: deregisters. Own application only.</li>
 * <li>{@code POST /eureka/peerreplication/batch}: a peer's batch of registrations, heartbeats, status changes
 * and cancellations for any application, each with a whole instance record: it would bypass every rule here,
 * so it is the operator's (a peer logs in as the operator). The peers' header on any other call is refused
 * to applications as well ({@link RegistrationCheck}).</li>
 * <li>{@code PUT /eureka/asg/{asg}/status}: switches every instance of an AWS auto-scaling group; the operator's.</li>
 * <li>{@code GET /eureka/apps[/delta|/{app}[/{id}]]}, {@code /eureka/vips/{vip}}, {@code /eureka/svips/{svip}}:
 * reads, for every login; {@code /eureka/instances/{id}}, {@code /eureka/status}: reads, the operator's.</li>
 * </ul>
 * "Own application" takes an application's login (role CLIENT): the scrape login, named like no application,
 * registers nothing.
 */
@Configuration(proxyBeanMethods = false)
@Import(ClientLoginsConfiguration.class)
class EurekaSecurityConfiguration extends WebSecurityConfigurerAdapter {

    private static final String OWN = "hasRole('" + ClientLogins.OPERATOR + "') or (hasRole('" + ClientLogins.CLIENT
            + "') and @ownApplication.test(authentication, #app))";

    private final ServerCodecs codecs;
    private final MeterRegistry meters;
    private final long maxRequestBytes;

    /** The body limit is every service's one (msa-support's RequestSizeLimitFilter), here for the buffered registration. */
    EurekaSecurityConfiguration(ServerCodecs codecs, MeterRegistry meters,
                                @Value("${suite.http.max-request-bytes:65536}") long maxRequestBytes) {
        this.codecs = codecs;
        this.meters = meters;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    protected void configure(HttpSecurity http) throws Exception {
        http.csrf().ignoringAntMatchers("/eureka/**", "/actuator/**")
                .and().authorizeRequests()
                .antMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                .antMatchers(HttpMethod.GET, "/eureka/apps", "/eureka/apps/**", "/eureka/vips/**", "/eureka/svips/**")
                .hasAnyRole(ClientLogins.CLIENT, ClientLogins.OPERATOR, ClientLogins.METRICS)
                .antMatchers(HttpMethod.GET, "/actuator/prometheus").hasAnyRole(ClientLogins.OPERATOR, ClientLogins.METRICS)
                .antMatchers("/eureka/apps/{app}", "/eureka/apps/{app}/**").access(OWN)
                .anyRequest().hasRole(ClientLogins.OPERATOR)
                .and().httpBasic()
                // After authorisation: it knows the login, and sees only what the rules above let through.
                .and().addFilterAfter(new RegistrationCheck(codecs, meters, maxRequestBytes), FilterSecurityInterceptor.class);
    }
}
