package egovframework.msa.sample.eureka.security;

import com.netflix.appinfo.InstanceInfo;
import com.netflix.discovery.converters.wrappers.CodecWrapper;
import com.netflix.discovery.converters.wrappers.CodecWrappers;
import com.netflix.discovery.provider.DiscoveryJerseyProvider;
import com.netflix.eureka.cluster.PeerEurekaNode;
import com.netflix.eureka.resources.ServerCodecs;
import egovframework.msa.sample.support.problem.Problems;
import egovframework.msa.sample.support.security.ClientLogins;
import egovframework.msa.sample.support.web.BufferedBodyRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A registration names the application it serves twice: in its path and {@code app} (Eureka compares them,
 * EurekaSecurityConfiguration binds them to the login) and in its {@code vipAddress} and
 * {@code secureVipAddress}, which Eureka 1.10 never compares with anything. Ribbon and Spring Cloud look
 * instances up by VIP (= service id), so a login that registers its own application under another's VIP
 * receives that application's traffic and its callers' bearer tokens. This check, in the security chain
 * after authorisation, refuses such a registration for every login but the operator's: each entry of each
 * (comma-separated) VIP list must be the login's own application name, in any case; none at all is fine.
 *
 * <p>The body is decoded exactly as Eureka will decode it a moment later: with the {@code DiscoveryJerseyProvider}
 * Jersey uses (its choice of JSON or XML by content type, its charset rule) over the codecs of Spring Cloud's
 * {@link ServerCodecs} bean, which the constructor proves are the very objects Jersey's provider holds. No
 * second parser, so no body (duplicate keys, odd encodings, XML tricks) reads one way here and another in the
 * registry. A body it cannot read, a content type it cannot decode, an encoded body and a body over the limit
 * are refused, never passed on. The instance read is then handed to Eureka byte for byte.
 */
final class RegistrationCheck extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RegistrationCheck.class);
    private static final Annotation[] NO_ANNOTATIONS = new Annotation[0];
    /** The type Jersey asks the provider for (addInstance's parameter); the provider's signature says Object. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Class<Object> INSTANCE = (Class) InstanceInfo.class;

    /** Why a request was refused: the {@code reason} tag of {@code eureka.registrations.refused}. */
    enum Reason {
        FOREIGN_VIP("foreign-vip"), FOREIGN_APP("foreign-app"), UNREADABLE_BODY("unreadable-body"),
        UNSUPPORTED_MEDIA_TYPE("unsupported-media-type"), TOO_LARGE("too-large"), REPLICATION_HEADER("replication-header");

        final String tag;

        Reason(String tag) {
            this.tag = tag;
        }
    }

    private final DiscoveryJerseyProvider eurekasReader;
    private final long maxBytes;
    private final Map<Reason, Counter> refused;

    RegistrationCheck(ServerCodecs codecs, MeterRegistry meters, long maxBytes) {
        CodecWrapper json = codecs.getFullJsonCodec();
        // Jersey's provider (scanned by Spring Cloud, default constructor) looks its codecs up by name: after Spring
        // Cloud registered its CloudJacksonJson under the legacy name, these are the ServerCodecs bean's own objects.
        // If a setting (eureka.server.json-codec-name, xml-codec-name) ever parts them, this check would read another
        // way than Eureka: refuse to start.
        if (CodecWrappers.getDecoder(CodecWrappers.LegacyJacksonJson.class) != json
                || CodecWrappers.getDecoder(CodecWrappers.XStreamXml.class) != codecs.getFullXmlCodec()) {
            throw new IllegalStateException("Eureka's Jersey provider does not decode registrations with the ServerCodecs "
                    + "bean's codecs (eureka.server.json-codec-name or xml-codec-name set?): the VIP check would read them differently");
        }
        this.eurekasReader = new DiscoveryJerseyProvider(json, json);
        this.maxBytes = maxBytes;
        Map<Reason, Counter> counters = new EnumMap<>(Reason.class);
        for (Reason reason : Reason.values()) {
            counters.put(reason, Counter.builder("eureka.registrations.refused").tag("reason", reason.tag)
                    .description("Registrations and updates the registry refused (EurekaSecurityConfiguration)").register(meters));
        }
        this.refused = Collections.unmodifiableMap(counters);
    }

    /** Every request under /eureka/ of a login but the operator's; everything else passes untouched. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return !request.getRequestURI().startsWith("/eureka/") || caller == null || isOperator(caller);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String login = SecurityContextHolder.getContext().getAuthentication().getName();
        // The peers' header: Eureka skips its onward replication and renewal bookkeeping for such calls, and a
        // replicated heartbeat may set an instance's overridden status. Only the registry's peers send it, and a
        // peer logs in as the operator; an application has no business claiming to be one.
        if (request.getHeader(PeerEurekaNode.HEADER_REPLICATION) != null) {
            refuse(response, Reason.REPLICATION_HEADER, HttpStatus.FORBIDDEN, login,
                    "The login " + Problems.quote(login) + " is an application's, not a peer registry's",
                    "header " + PeerEurekaNode.HEADER_REPLICATION);
            return;
        }
        // POST is Eureka's one way to create or replace an instance (ApplicationResource.addInstance, also with a
        // trailing slash); every other write takes its input from the path and the query, never a body (see
        // EurekaSecurityConfiguration). Any POST of an application's login is read as a registration: on a path
        // that is none, Jersey then answers 405 or 404 itself.
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getHeader("Content-Encoding") != null && !"identity".equalsIgnoreCase(request.getHeader("Content-Encoding"))) {
            refuse(response, Reason.UNREADABLE_BODY, HttpStatus.UNSUPPORTED_MEDIA_TYPE, login,
                    "A registration is sent without Content-Encoding", "Content-Encoding " + safe(request.getHeader("Content-Encoding")));
            return;
        }
        MediaType type = mediaType(request);
        if (type == null || !eurekasReader.isReadable(InstanceInfo.class, InstanceInfo.class, NO_ANNOTATIONS, type)) {
            refuse(response, Reason.UNSUPPORTED_MEDIA_TYPE, HttpStatus.UNSUPPORTED_MEDIA_TYPE, login,
                    "A registration is application/json or application/xml (UTF-8)", "Content-Type " + safe(request.getContentType()));
            return;
        }
        byte[] body = BufferedBodyRequest.readAtMost(request.getInputStream(), maxBytes + 1);
        if (body.length > maxBytes) {
            refuse(response, Reason.TOO_LARGE, HttpStatus.PAYLOAD_TOO_LARGE, login,
                    "The request body is larger than " + maxBytes + " bytes", "body over " + maxBytes + " bytes");
            return;
        }
        InstanceInfo instance;
        try {
            instance = (InstanceInfo) eurekasReader.readFrom(INSTANCE, InstanceInfo.class, NO_ANNOTATIONS, type, null,
                    new ByteArrayInputStream(body));
        } catch (WebApplicationException | ClassCastException | IOException unreadable) {
            instance = null;
        }
        if (instance == null) {
            refuse(response, Reason.UNREADABLE_BODY, HttpStatus.BAD_REQUEST, login,
                    "The registration cannot be read as an instance (" + Problems.quote(type.toString()) + ")",
                    "unreadable body, Content-Type " + safe(type.toString()));
            return;
        }
        if (instance.getAppName() != null && !sameName(instance.getAppName(), login)) {
            refuse(response, Reason.FOREIGN_APP, HttpStatus.FORBIDDEN, login, "The login " + Problems.quote(login)
                    + " registers only its own application, not " + Problems.quote(instance.getAppName()), "app " + safe(instance.getAppName()));
            return;
        }
        Map<String, String> vips = new LinkedHashMap<>();
        vips.put("vipAddress", Objects.toString(instance.getVIPAddress(), ""));
        vips.put("secureVipAddress", Objects.toString(instance.getSecureVipAddress(), ""));
        for (Map.Entry<String, String> vip : vips.entrySet()) {
            String foreign = foreignEntry(vip.getValue(), login);
            if (foreign != null) {
                refuse(response, Reason.FOREIGN_VIP, HttpStatus.FORBIDDEN, login, "The login " + Problems.quote(login)
                        + " registers only under its own name, not " + Problems.quote(foreign) + " (" + vip.getKey() + " "
                        + Problems.quote(vip.getValue()) + ")", vip.getKey() + " " + safe(vip.getValue()));
                return;
            }
        }
        chain.doFilter(new BufferedBodyRequest(request, body), response);
    }

    /**
     * The first entry of a VIP list that is not the application's own name, null if there is none. Split and
     * compared as Eureka's and Ribbon's index does (Applications: upper case in the root locale, split on ","):
     * what passes here is indexed under the own name only. An empty list indexes nothing.
     */
    static String foreignEntry(String vipList, String application) {
        if (vipList.isEmpty()) {
            return null;
        }
        for (String entry : vipList.split(",")) {
            if (!sameName(entry, application)) {
                return entry;
            }
        }
        return null;
    }

    private static boolean sameName(String a, String b) {
        return a.toUpperCase(Locale.ROOT).equals(b.toUpperCase(Locale.ROOT));
    }

    /** The content type as Jersey parses it (its own MediaType provider); null if absent, repeated or malformed. */
    private static MediaType mediaType(HttpServletRequest request) {
        List<String> values = Collections.list(request.getHeaders("Content-Type"));
        if (values.size() != 1) {
            return null;
        }
        try {
            return MediaType.valueOf(values.get(0));
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static boolean isOperator(Authentication caller) {
        return caller.getAuthorities().stream().anyMatch(a -> ("ROLE_" + ClientLogins.OPERATOR).equals(a.getAuthority()));
    }

    /** One WARN line (caller-chosen text quoted: no CR/LF, no line separators, at most 40 characters), one count, one problem. */
    private void refuse(HttpServletResponse response, Reason reason, HttpStatus status, String login, String detail, String what)
            throws IOException {
        refused.get(reason).increment();
        log.warn("Registration refused ({}): login {}, {}", reason.tag, safe(login), what);
        Problems.write(response, status, detail);
    }

    private static String safe(String value) {
        return Problems.quote(value == null ? null : value.replaceAll("[\\p{Zl}\\p{Zp}]", "?"));
    }
}
