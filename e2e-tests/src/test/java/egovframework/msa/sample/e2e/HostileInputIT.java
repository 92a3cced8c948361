package egovframework.msa.sample.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import egovframework.msa.sample.launcher.DevelopmentTokens;
import egovframework.msa.sample.launcher.ServiceSpec;
import egovframework.msa.sample.launcher.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of malformed and hostile requests against the running suite: through the gateway random and overlong
 * path segments, encoded traversal, invalid UTF-8, wrong content types, malformed and deeply nested JSON, oversized
 * bodies, duplicate and oversized headers, CR/LF in headers, odd methods, forged sampling flags; at Eureka, with
 * the applications' own logins, registrations under another application's VIP in every form; at the config server,
 * with the applications' own logins, resource paths, file forms and other applications' files in every spelling;
 * and writes around the gateway. None may produce a 5xx other than a designed fallback, none may leak a stack
 * trace, no registration and no configuration file may get through, every service must stay healthy, and the
 * customer store and the registry must be exactly as before. The generator is seeded, so a failure can be replayed.
 */
@ExtendWith(RunningSuite.class)
class HostileInputIT {

    private static final int GATEWAY = Topology.get("zuul-gateway").port();
    private static final long SEED = 20261126L;
    private static final int PER_KIND = 150;
    private static final int AT_LEAST = 3_000;
    private static final int CUSTOMER_SERVICE = Topology.get("customer-service").port();
    private static final int EUREKA = Topology.get("eureka-server").port();
    private static final int CONFIG_SERVER = Topology.get("config-server").port();
    /** The applications that register in Eureka (each with its own login there), and every application's name. */
    private static final List<String> REGISTERING = List.of("customer", "catalogs", "zuul-gateway", "turbine-dashboard");
    private static final List<String> APPLICATIONS = List.of("customer", "catalogs", "zuul-gateway", "turbine-dashboard",
            "eureka-server", "config-server");
    /** Config server answers that served configuration: the environment's JSON, a file's YAML or properties. */
    private static final String HOSTILE_ID = "hostile-";
    private static final Pattern CONFIGURATION = Pattern.compile("propertySources|(?m)^(server|spring|management|eureka|suite)[.:]");
    private static final Pattern LEAK = Pattern.compile("\\tat |\\.java:\\d|Exception|java\\.lang|org\\.springframework|"
            + "com\\.netflix|org\\.apache");

    private final Random random = new Random(SEED);
    private String token;
    private String readToken;

    /** One kind of request: where it goes, how it is made, and which answers are wrong (a reason) or right (null). */
    private static final class Kind {
        final int port;
        final Supplier<byte[]> request;
        final Function<RawHttp.Answer, String> judge;

        Kind(int port, Supplier<byte[]> request, Function<RawHttp.Answer, String> judge) {
            this.port = port;
            this.request = request;
            this.judge = judge;
        }

        static Kind gateway(Supplier<byte[]> request) {
            return new Kind(GATEWAY, request, HostileInputIT::judge);
        }
    }

    /** Every registration below must be refused; should one get through, the next class still finds the registry as it was. */
    @AfterEach
    void removeAnyRegistrationThatGotThrough() {
        String operator = DevelopmentTokens.basic(RunningSuite.EUREKA_USER, RunningSuite.EUREKA_PASSWORD);
        JsonNode apps = Http.json(Http.send(HttpRequest.newBuilder(URI.create(RunningSuite.url("eureka-server", "/eureka/apps")))
                .header("Accept", "application/json").header("Authorization", operator)));
        for (JsonNode app : elements(apps.path("applications").path("application"))) {
            for (JsonNode instance : elements(app.path("instance"))) {
                if (instance.path("instanceId").asText().startsWith(HOSTILE_ID)) {
                    Http.send(HttpRequest.newBuilder(URI.create(RunningSuite.url("eureka-server", "/eureka/apps/") + app.path("name").asText()
                            + "/" + instance.path("instanceId").asText())).header("Authorization", operator).DELETE());
                }
            }
        }
    }

    private static Iterable<JsonNode> elements(JsonNode node) {
        return node.isArray() ? node : node.isMissingNode() ? List.of() : List.of(node);
    }

    @Test
    void malformedRequestsChangeNothingAndBreakNothing() {
        token = RunningSuite.writeToken();
        readToken = RunningSuite.readToken();
        String before = customerStore();
        Map<Integer, String> registryBefore = RunningSuite.eurekaRegistry().orElseThrow();

        Map<String, Kind> kinds = new TreeMap<>();
        kinds.put("random path segment", Kind.gateway(() -> get(randomSegment(1 + random.nextInt(120)))));
        kinds.put("overlong path segment", Kind.gateway(() -> get("/customers/" + "9".repeat(10_000 + random.nextInt(50)))));
        kinds.put("encoded traversal", Kind.gateway(() -> get(pick("/customers/..%2f..%2factuator%2fenv", "/catalogs/customerinfo/..%2f1234",
                "/customers/%2e%2e/%2e%2e/etc/passwd", "/customers/..;/actuator/env", "//customers//1234",
                "/catalogs/..%252f..%252fcustomers", "/customers/1234%00", "/customers/%5c..%5cactuator",
                "/customers/1234/../../actuator/env", "/catalogs/customerinfo/1234%3Bjsessionid=x"))));
        kinds.put("invalid UTF-8", Kind.gateway(this::invalidUtf8));
        kinds.put("wrong content type", Kind.gateway(() -> write("POST", "/customers", pick("text/plain", "application/xml",
                "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "image/png", "application/json; charset=klingon"),
                "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8), true)));
        kinds.put("malformed JSON", Kind.gateway(() -> write(pick("POST", "PUT"), pick("/customers", "/customers/1234"), "application/json",
                malformedJson().getBytes(StandardCharsets.UTF_8), true)));
        kinds.put("deeply nested JSON", Kind.gateway(() -> write("POST", "/customers", "application/json", nested(), true)));
        kinds.put("body over the limit", Kind.gateway(this::oversizedBody));
        kinds.put("duplicate and oversized headers", Kind.gateway(this::badHeaders));
        kinds.put("odd methods and ids", Kind.gateway(() -> write(pick("DELETE", "PUT", "PATCH", "TRACE", "OPTIONS", "PROPFIND", "GET"),
                pick("/customers/abc", "/customers/-1", "/customers/0", "/customers/0x10", "/customers/1e3",
                        "/customers/" + "1".repeat(30), "/catalogs/customerinfo/-5"), "application/json", null,
                random.nextBoolean())));
        kinds.put("writes without a valid token", Kind.gateway(() -> write(pick("POST", "PUT", "DELETE"), pick("/customers", "/customers/1234"),
                "application/json", "{\"name\":\"홍길동\"}".getBytes(StandardCharsets.UTF_8), false)));
        kinds.put("header injection", Kind.gateway(() -> RawHttp.request(ascii("GET /customers/1234 HTTP/1.1"),
                "X-Forwarded-Host: evil.example\r\nX-Forwarded-Prefix: /../admin\r\nAuthorization: Bearer "
                        + "e30.e30." + randomSegment(20) + "\r\n", null)));
        kinds.put("forged and broken tokens", Kind.gateway(() -> RawHttp.request(ascii(pick("GET /customers/1234", "GET /customers?size=50",
                "DELETE /customers/1234", "GET /catalogs/customerinfo/1234") + " HTTP/1.1"),
                "Authorization: Bearer " + badToken() + "\r\n", null)));
        kinds.put("spoofed forwarding headers", Kind.gateway(() -> RawHttp.request(ascii(pick("GET /catalogs/customerinfo/1234",
                "GET /customers/1234", "POST /customers") + " HTTP/1.1"), "Forwarded: for=10.0.0.1;host=evil.example;proto=https\r\n"
                + "X-Forwarded-For: " + pick("127.0.0.1", "10.0.0.1, 127.0.0.1", "<script>", "::1") + "\r\nX-Forwarded-Host: "
                + pick("evil.example", "localhost:" + CUSTOMER_SERVICE, "x\u00e9") + "\r\nX-Forwarded-Proto: " + pick("https", "gopher", "") + "\r\n"
                + "X-Forwarded-Port: " + pick("443", "-1", "99999999999") + "\r\nAuthorization: Bearer " + readToken + "\r\n", null)));
        kinds.put("paging extremes", Kind.gateway(() -> RawHttp.request(ascii("GET /customers?page=" + pick("50000000", "2147483647",
                "-1", "1e9", "99999999999999999999", String.valueOf(random.nextInt(Integer.MAX_VALUE))) + "&size="
                + pick("50", "1", "0", "51", "2147483647", "-5") + " HTTP/1.1"), "Authorization: Bearer " + readToken + "\r\n", null)));

        kinds.put("CR/LF in headers", Kind.gateway(this::lineBreaksInHeaders));
        kinds.put("forged sampling flags", Kind.gateway(this::forgedSampling));
        kinds.put("foreign-VIP registration at Eureka", new Kind(EUREKA, this::foreignRegistration, HostileInputIT::refusedProblem));
        kinds.put("config resource path at the config server", new Kind(CONFIG_SERVER, this::configResourcePath, HostileInputIT::noConfiguration));

        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        long begin = System.nanoTime();
        for (Map.Entry<String, Kind> kind : kinds.entrySet()) {
            for (int i = 0; i < PER_KIND; i++) {
                byte[] request = kind.getValue().request.get();
                RawHttp.Answer answer = RawHttp.exchange(kind.getValue().port, request);
                sent++;
                statuses.merge(answer.status, 1, Integer::sum);
                String problem = kind.getValue().judge.apply(answer);
                if (problem != null && failures.size() < 20) {
                    failures.add(kind.getKey() + " #" + i + ": " + problem + " <- "
                            + new String(request, 0, Math.min(request.length, 160), StandardCharsets.ISO_8859_1));
                }
            }
        }
        // Around the gateway: customer-service itself refuses writes without a valid token with the write scope.
        for (int i = 0; i < 2 * PER_KIND; i++) {
            byte[] request = random.nextBoolean()
                    ? write(pick("POST", "PUT", "DELETE"), pick("/customers", "/customers/1234"), "application/json",
                            "{\"name\":\"홍길동\"}".getBytes(StandardCharsets.UTF_8), false)
                    : RawHttp.request(ascii(pick("POST /customers", "PUT /customers/1234", "DELETE /customers/1234") + " HTTP/1.1"),
                            "Content-Type: application/json\r\nAuthorization: Bearer " + pick(readToken, badToken()) + "\r\n",
                            "{\"name\":\"홍길동\"}".getBytes(StandardCharsets.UTF_8));
            RawHttp.Answer answer = RawHttp.exchange(CUSTOMER_SERVICE, request);
            sent++;
            statuses.merge(answer.status, 1, Integer::sum);
            String problem = answer.status == 401 || answer.status == 403 ? judge(answer) : "status " + answer.status;
            if (problem != null && failures.size() < 20) {
                failures.add("direct write #" + i + ": " + problem + " <- "
                        + new String(request, 0, Math.min(request.length, 160), StandardCharsets.ISO_8859_1));
            }
        }
        System.out.printf("[e2e] hostile input: %d requests in total (%d kinds x %d, %d writes around the gateway) in %.1f s, statuses %s%n",
                sent, kinds.size(), PER_KIND, 2 * PER_KIND, (System.nanoTime() - begin) / 1e9, statuses);

        assertThat(sent).isGreaterThanOrEqualTo(AT_LEAST);
        assertThat(failures).as("requests answered wrongly").isEmpty();
        for (ServiceSpec service : Topology.SERVICES) {
            assertThat(RunningSuite.launcher().isHealthy(service)).as(service.name() + " healthy afterwards").isTrue();
        }
        assertThat(customerStore()).as("customer store unchanged").isEqualTo(before);
        assertThat(RunningSuite.eurekaRegistry().orElseThrow()).as("the registry unchanged").isEqualTo(registryBefore);
    }

    /** A registration under a foreign VIP: refused with a problem (403, 400, 413, 415), whatever its form. */
    private static String refusedProblem(RawHttp.Answer answer) {
        String problem = judge(answer);
        if (problem != null) {
            return problem;
        }
        if (answer.status < 400) {
            return "accepted: status " + answer.status;
        }
        return List.of(400, 403, 413, 415).contains(answer.status) ? null : "status " + answer.status;
    }

    /** A path an application's login may not read: refused (403, or 400 for a malformed request), no configuration in the answer. */
    private static String noConfiguration(RawHttp.Answer answer) {
        String problem = judge(answer);
        if (problem != null) {
            return problem;
        }
        if (answer.status != 400 && answer.status != 403) {
            return "status " + answer.status;
        }
        return CONFIGURATION.matcher(answer.text).find() ? "configuration in the answer: "
                + answer.text.substring(0, Math.min(300, answer.text.length())) : null;
    }

    /**
     * With an application's own Eureka login, an instance of its own application whose vipAddress or
     * secureVipAddress names another application in one of Eureka's forms (alone, in a comma list, in any case), as
     * JSON or XML, under every content type Eureka reads and some it does not, with a duplicate key whose last value
     * is foreign, gzip-encoded, chunked, with the peers' header, or on another application's path.
     */
    private byte[] foreignRegistration() {
        String own = pick(REGISTERING.toArray(new String[0]));
        String other = pick(APPLICATIONS.stream().filter(a -> !a.equals(own)).toArray(String[]::new));
        String foreign = pick(other, other.toUpperCase(Locale.ROOT), Character.toUpperCase(other.charAt(0)) + other.substring(1),
                own + "," + other, other + "," + own, own + ",," + other, own + ", " + other);
        boolean secure = random.nextInt(3) == 0;
        String vip = secure ? pick(own, "") : foreign;
        String secureVip = secure ? foreign : pick(own, foreign, null);
        String id = HOSTILE_ID + own + "-" + random.nextInt(1_000_000);
        String app = own.toUpperCase(Locale.ROOT);
        boolean xml = random.nextInt(4) == 0;
        String body = xml
                ? "<instance><instanceId>" + id + "</instanceId><hostName>127.0.0.1</hostName><app>" + app + "</app><ipAddr>127.0.0.1</ipAddr>"
                        + "<status>UP</status><port enabled=\"true\">9</port><vipAddress>" + vip + "</vipAddress>"
                        + (secureVip == null ? "" : "<secureVipAddress>" + secureVip + "</secureVipAddress>")
                        + "<dataCenterInfo class=\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\"><name>MyOwn</name></dataCenterInfo></instance>"
                : "{\"instance\":{\"instanceId\":\"" + id + "\",\"hostName\":\"127.0.0.1\",\"app\":\"" + app + "\",\"ipAddr\":\"127.0.0.1\","
                        + "\"vipAddress\":\"" + vip + "\"," + (secureVip == null ? "" : "\"secureVipAddress\":\"" + secureVip + "\",")
                        + "\"status\":\"UP\",\"port\":{\"$\":9,\"@enabled\":\"true\"},"
                        + "\"dataCenterInfo\":{\"@class\":\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\",\"name\":\"MyOwn\"}}}";
        if (!xml && !secure && random.nextInt(5) == 0) {
            // Two keys: Eureka's reader keeps the last, the foreign one.
            body = body.replace("\"vipAddress\":\"" + vip + "\"", "\"vipAddress\":\"" + own + "\",\"vipAddress\":\"" + vip + "\"");
        }
        String type = xml ? pick("application/xml", "application/xml; charset=UTF-8", "*/*", "application/*", "*/whatever", "text/xml",
                "APPLICATION/XML", "application/xml; charset=UTF-16")
                : pick("application/json", "application/json;charset=UTF-8", "Application/JSON", "*/json", "application/x-www-form-urlencoded",
                "text/plain", "application/json; charset", "application/json\r\nContent-Type: application/xml");
        String path = "/eureka/apps/" + (random.nextInt(10) == 0 ? other.toUpperCase(Locale.ROOT) : app) + pick("", "", "/");
        StringBuilder headers = new StringBuilder("Authorization: " + RunningSuite.applicationLogin("eureka", own) + "\r\n");
        if (random.nextInt(8) != 0) {
            headers.append("Content-Type: ").append(type).append("\r\n");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        switch (random.nextInt(10)) {
            case 0:
                headers.append("x-netflix-discovery-replication: true\r\n");
                break;
            case 1:
                headers.append("Content-Encoding: gzip\r\n");
                bytes = gzip(bytes);
                break;
            case 2:
                headers.append("Transfer-Encoding: chunked\r\n");
                bytes = chunked(bytes, 100);
                break;
            default:
                break;
        }
        return RawHttp.request(ascii("POST " + path + " HTTP/1.1"), headers.toString(), bytes);
    }

    /**
     * With an application's own config server login, a path beyond its own environment: the resource endpoint, the
     * file forms, another application's files, comma lists, and encoded, doubled, cased and separated spellings.
     */
    private byte[] configResourcePath() {
        String own = pick(APPLICATIONS.stream().filter(a -> !a.equals("config-server")).toArray(String[]::new));
        String other = pick(APPLICATIONS.stream().filter(a -> !a.equals(own)).toArray(String[]::new));
        String file = pick(other + ".yml", own + ".yml", "application.yml", "application-docker.yml", other + "-k8s.yml", ".git/config");
        String path = pick("/" + own + "/default/main/" + file, "/" + own + "/default/" + file + "?useDefaultLabel",
                "/" + own + "/default/main/" + other + "/" + file, "/" + own + "-default.yml", "/" + own + "-default.yaml",
                "/" + own + "-default.properties", "/" + own + "-default.json", "/main/" + own + "-default.yml",
                "/main/" + own + "-default.properties", "/main/" + other + "-default.json", "/" + other + "/default",
                "/" + other + "/default/main", "/" + own + "," + other + "/default", "/" + other + "," + own + "/docker",
                "/" + own + "/default/main%2F" + file, "/" + own + "/default/main/%2e%2e/" + file, "/" + own + "/default/main;x=y/" + file,
                "/" + own + "/default;jsessionid=1", "//" + own + "/default", "/" + own + "//default", "/" + own + "/default/main%252F" + file,
                "/" + own.toUpperCase(Locale.ROOT) + "/default/main/" + file, "/" + own + "/default/", "/" + own + "/default/main/",
                "/" + own + "/default/main(_)" + file, "/" + own + "/default/..%2F..%2F" + other + "/default", "/" + own + "/%2e%2e/" + other + "/default",
                "/" + own + "/default/main%5C" + file, "/" + own + "/default%2C" + other, "/" + own + "/default/main\\" + file,
                "/" + own + "/default/main/../../" + other + "/default", "/" + own + "/default?profile=" + other);
        return RawHttp.request(ascii("GET " + path + " HTTP/1.1"), "Authorization: " + RunningSuite.applicationLogin("config", own) + "\r\n", null);
    }

    /** A read the caller asks to be sampled, or debugged, in every propagation format the gateway understands. */
    private byte[] forgedSampling() {
        String trace = hex(32);
        String span = hex(16);
        String sampling = pick("traceparent: 00-" + trace + "-" + span + "-01", "traceparent: 00-" + trace + "-" + span + "-ff",
                "X-B3-TraceId: " + trace + "\r\nX-B3-SpanId: " + span + "\r\nX-B3-Sampled: 1", "X-B3-Sampled: 1", "X-B3-Flags: 1",
                "X-B3-TraceId: " + trace + "\r\nX-B3-SpanId: " + span + "\r\nX-B3-Flags: 1", "b3: " + trace + "-" + span + "-1",
                "b3: " + trace + "-" + span + "-d", "b3: 1", "b3: d", "traceparent: 00-" + "0".repeat(32) + "-" + span + "-01",
                "traceparent: 00-" + trace + "-" + span + "-01\r\nb3: " + trace + "-" + span + "-d\r\nX-B3-Flags: 1",
                "traceparent: zz-" + trace + "-" + span + "-01", "b3: " + trace + "-" + span + "-1-" + hex(16) + "-extra");
        return RawHttp.request(ascii(pick("GET /customers/1234", "GET /catalogs/customerinfo/1234", "GET /customers?size=5") + " HTTP/1.1"),
                sampling + "\r\nAuthorization: Bearer " + readToken + "\r\n", null);
    }

    /** Line breaks where a header value or name should be: bare CR, bare LF, folded lines, encoded CR/LF. */
    private byte[] lineBreaksInHeaders() {
        String header = pick("X-Note: a\rX-Injected: 1", "X-Note: a\nX-Injected: 1", "X-Note: a\r\n X-Injected: folded",
                "X-Note: a\r\n\tX-Injected: folded", "Authorization: Bearer " + readToken + "\rX-Forwarded-For: 10.0.0.1",
                "Authorization: Bearer " + readToken + "\nX-Forwarded-Host: evil.example", "X-Injected\r: 1", "X\nInjected: 1",
                "traceparent: 00-" + hex(32) + "-" + hex(16) + "-01\rX-B3-Flags: 1", "X-Note: %0d%0aX-Injected: 1",
                "Accept: application/json\r\n\r\nGET /customers?size=50 HTTP/1.1\r\nHost: localhost");
        String path = pick("/customers/1234", "/catalogs/customerinfo/1234", "/customers/1234%0d%0aX-Injected:%201");
        return RawHttp.request(ascii("GET " + path + " HTTP/1.1"), header + "\r\n" + (header.startsWith("Authorization") ? ""
                : "Authorization: Bearer " + readToken + "\r\n"), null);
    }

    private String hex(int length) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < length; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A body in chunked transfer coding, {@code size} bytes a chunk. */
    private static byte[] chunked(byte[] body, int size) {
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        for (int offset = 0; offset < body.length; offset += size) {
            int length = Math.min(size, body.length - offset);
            chunked.writeBytes(ascii(Integer.toHexString(length) + "\r\n"));
            chunked.write(body, offset, length);
            chunked.writeBytes(ascii("\r\n"));
        }
        chunked.writeBytes(ascii("0\r\n\r\n"));
        return chunked.toByteArray();
    }

    /** Null if the answer is acceptable, otherwise what is wrong with it. */
    private static String judge(RawHttp.Answer answer) {
        if (answer.status == 0) {
            return "no HTTP answer (" + answer.text + ")";
        }
        boolean designedFallback = answer.status == 503 && answer.text.contains("\"service\"");
        if (answer.status >= 500 && !designedFallback) {
            return "status " + answer.status;
        }
        int head = answer.text.indexOf("\r\n\r\n");
        if (answer.text.substring(0, head < 0 ? answer.text.length() : head).contains("X-Injected")) {
            return "a header of the request's in the answer's head: " + answer.text.substring(0, Math.min(300, answer.text.length()));
        }
        if (LEAK.matcher(answer.text).find()) {
            return "internals in the answer: " + answer.text.substring(0, Math.min(300, answer.text.length()));
        }
        return null;
    }

    private static String customerStore() {
        return Http.text(Http.get(RunningSuite.url("zuul-gateway", "/customers?size=50"), "application/json", RunningSuite.readToken()));
    }

    /** A token the suite must refuse: forged, unsigned, expired, for someone else, or not a token at all. */
    private String badToken() {
        long now = System.currentTimeMillis() / 1000;
        String claims = "\"scope\":\"customers:read customers:write\",\"roles\":[\"ADMIN\"],\"sub\":\"x\"";
        String suite = "\"iss\":\"egov-msa-suite\",\"aud\":\"egov-msa-suite\"," + claims;
        String secret = RunningSuite.tokenKey();
        switch (random.nextInt(8)) {
            case 0:
                return DevelopmentTokens.signed(secret, "{" + suite + "}");
            case 1:
                return DevelopmentTokens.signed(secret, "{" + suite + ",\"exp\":" + (now - 60) + "}");
            case 2:
                return DevelopmentTokens.signed(secret, "{" + suite + ",\"exp\":" + (now + 400_000_000L) + "}");
            case 3:
                return DevelopmentTokens.signed(secret, "{\"iss\":\"evil\",\"aud\":\"egov-msa-suite\"," + claims
                        + ",\"exp\":" + (now + 300) + "}");
            case 4:
                return DevelopmentTokens.signed("forged-key-of-at-least-thirty-two-bytes-000000", "{" + suite
                        + ",\"exp\":" + (now + 300) + "}");
            case 5:
                return DevelopmentTokens.base64url("{\"alg\":\"none\"}") + "." + DevelopmentTokens.base64url("{" + suite
                        + ",\"exp\":" + (now + 300) + "}") + ".";
            case 6:
                return randomSegment(1 + random.nextInt(200)).replace('/', 'a').replace('%', 'b');
            default:
                return DevelopmentTokens.base64url("{\"alg\":\"HS256\"}") + "." + DevelopmentTokens.base64url("{" + suite
                        + ",\"exp\":\"soon\"}") + "." + randomSegment(43).replace('/', 'a').replace('%', 'b');
        }
    }

    private byte[] get(String path) {
        return RawHttp.request(ascii("GET " + path + " HTTP/1.1"), "Accept: " + pick("*/*", "application/json", "text/plain")
                + "\r\n", null);
    }

    private byte[] write(String method, String path, String contentType, byte[] body, boolean withToken) {
        String headers = "Content-Type: " + contentType + "\r\n"
                + (withToken ? "Authorization: Bearer " + token + "\r\n" : "");
        return RawHttp.request(ascii(method + " " + path + " HTTP/1.1"), headers, body);
    }

    private byte[] invalidUtf8() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.writeBytes(ascii("GET " + pick("/customers/", "/catalogs/customerinfo/")));
        byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF0, (byte) 0x28, (byte) 0x8C},
                ascii("%C3%28"), ascii("%FF%FE"), ascii("%ED%A0%80"), ascii("%C0%AF")};
        line.writeBytes(bad[random.nextInt(bad.length)]);
        line.writeBytes(ascii(" HTTP/1.1"));
        return RawHttp.request(line.toByteArray(), "", null);
    }

    private String malformedJson() {
        String valid = "{\"name\":\"홍길동\",\"email\":\"gildong.hong@example.go.kr\",\"phone\":\"010-1234-5678\","
                + "\"address\":{\"zipCode\":\"30103\",\"street\":\"세종\"}}";
        switch (random.nextInt(8)) {
            case 0:
                return valid.substring(0, random.nextInt(valid.length() - 1));
            case 1:
                return valid + "}garbage";
            case 2:
                return valid.replace("\"홍길동\"", String.valueOf(random.nextLong()));
            case 3:
                return valid.replace("\"30103\"", "[" + random.nextInt() + "]");
            case 4:
                return valid.replace("gildong.hong@example.go.kr", "not an email");
            case 5:
                return "[" + valid + "]";
            case 6:
                return valid.replace("{\"name\"", "{\"id\":1,\"admin\":true,\"name\"");
            default:
                return valid.replace("\"010-1234-5678\"", "null");
        }
    }

    private byte[] nested() {
        int depth = 2_000 + random.nextInt(8_000);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return ("{\"name\":" + open.repeat(depth) + "1" + close.repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
    }

    private byte[] oversizedBody() {
        byte[] body = new byte[70_000 + random.nextInt(300_000)];
        java.util.Arrays.fill(body, (byte) 'a');
        if (random.nextBoolean()) {
            return write("POST", "/customers", "application/json", body, true);
        }
        return RawHttp.request(ascii("POST /customers HTTP/1.1"), "Content-Type: application/json\r\nAuthorization: Bearer "
                + token + "\r\nTransfer-Encoding: chunked\r\n", chunked(body, 8192));
    }

    private byte[] badHeaders() {
        switch (random.nextInt(5)) {
            case 0:
                return RawHttp.request(ascii("POST /customers HTTP/1.1"), "Content-Type: application/json\r\n"
                        + "Content-Type: text/plain\r\nAuthorization: Bearer " + token + "\r\n", ascii("{}"));
            case 1:
                return RawHttp.request(ascii("POST /customers HTTP/1.1"), "Content-Length: 2\r\nContent-Length: 40\r\n"
                        + "Authorization: Bearer " + token + "\r\n", ascii("{}"));
            case 2:
                return RawHttp.request(ascii("GET /customers/1234 HTTP/1.1"), "X-Big: " + "x".repeat(20_000) + "\r\n", null);
            case 3:
                return RawHttp.request(ascii("GET /customers/1234 HTTP/1.1"),
                        "Authorization: Bearer a\r\nAuthorization: Bearer b\r\n", null);
            default:
                StringBuilder many = new StringBuilder();
                for (int i = 0; i < 150; i++) {
                    many.append("X-H").append(i).append(": ").append("v".repeat(100)).append("\r\n");
                }
                return RawHttp.request(ascii("GET /customers/1234 HTTP/1.1"), many.toString(), null);
        }
    }

    private String randomSegment(int length) {
        String alphabet = "abcXYZ0123456789-._~!$&'()*+,;=:@%<>\"{}|^`[]\\ ";
        StringBuilder segment = new StringBuilder(pick("/customers/", "/catalogs/customerinfo/", "/", "/catalogs/"));
        for (int i = 0; i < length; i++) {
            char c = alphabet.charAt(random.nextInt(alphabet.length()));
            segment.append(c == ' ' ? "%20" : String.valueOf(c));
        }
        return segment.toString();
    }

    private String pick(String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
