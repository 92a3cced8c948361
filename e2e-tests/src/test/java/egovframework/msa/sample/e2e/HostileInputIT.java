package egovframework.msa.sample.e2e;

import egovframework.msa.sample.launcher.DevelopmentTokens;
import egovframework.msa.sample.launcher.ServiceSpec;
import egovframework.msa.sample.launcher.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hundreds of malformed requests through the gateway of the running suite: random and overlong path
 * segments, encoded traversal, invalid UTF-8, wrong content types, malformed and deeply nested JSON,
 * oversized bodies, duplicate and oversized headers, odd methods. None may produce a 5xx other than a
 * designed fallback, none may leak a stack trace, every service must stay healthy, and the customer
 * store must be exactly as before. The generator is seeded, so a failure can be replayed.
 */
@ExtendWith(RunningSuite.class)
class HostileInputIT {

    private static final int GATEWAY = Topology.get("zuul-gateway").port();
    private static final long SEED = 20261126L;
    private static final int PER_KIND = 120;
    private static final int CUSTOMER_SERVICE = Topology.get("customer-service").port();
    private static final Pattern LEAK = Pattern.compile("\\tat |\\.java:\\d|Exception|java\\.lang|org\\.springframework|"
            + "com\\.netflix|org\\.apache");

    private final Random random = new Random(SEED);
    private String token;
    private String readToken;

    @Test
    void malformedRequestsChangeNothingAndBreakNothing() {
        token = RunningSuite.writeToken();
        readToken = RunningSuite.readToken();
        String before = customerStore();

        Map<String, Supplier<byte[]>> kinds = new TreeMap<>();
        kinds.put("random path segment", () -> get(randomSegment(1 + random.nextInt(120))));
        kinds.put("overlong path segment", () -> get("/customers/" + "9".repeat(10_000 + random.nextInt(50))));
        kinds.put("encoded traversal", () -> get(pick("/customers/..%2f..%2factuator%2fenv", "/catalogs/customerinfo/..%2f1234",
                "/customers/%2e%2e/%2e%2e/etc/passwd", "/customers/..;/actuator/env", "//customers//1234",
                "/catalogs/..%252f..%252fcustomers", "/customers/1234%00", "/customers/%5c..%5cactuator",
                "/customers/1234/../../actuator/env", "/catalogs/customerinfo/1234%3Bjsessionid=x")));
        kinds.put("invalid UTF-8", this::invalidUtf8);
        kinds.put("wrong content type", () -> write("POST", "/customers", pick("text/plain", "application/xml",
                "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "image/png", "application/json; charset=klingon"),
                "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8), true));
        kinds.put("malformed JSON", () -> write(pick("POST", "PUT"), pick("/customers", "/customers/1234"), "application/json",
                malformedJson().getBytes(StandardCharsets.UTF_8), true));
        kinds.put("deeply nested JSON", () -> write("POST", "/customers", "application/json", nested(), true));
        kinds.put("body over the limit", this::oversizedBody);
        kinds.put("duplicate and oversized headers", this::badHeaders);
        kinds.put("odd methods and ids", () -> write(pick("DELETE", "PUT", "PATCH", "TRACE", "OPTIONS", "PROPFIND", "GET"),
                pick("/customers/abc", "/customers/-1", "/customers/0", "/customers/0x10", "/customers/1e3",
                        "/customers/" + "1".repeat(30), "/catalogs/customerinfo/-5"), "application/json", null,
                random.nextBoolean()));
        kinds.put("writes without a valid token", () -> write(pick("POST", "PUT", "DELETE"), pick("/customers", "/customers/1234"),
                "application/json", "{\"name\":\"홍길동\"}".getBytes(StandardCharsets.UTF_8), false));
        kinds.put("header injection", () -> RawHttp.request(ascii("GET /customers/1234 HTTP/1.1"),
                "X-Forwarded-Host: evil.example\r\nX-Forwarded-Prefix: /../admin\r\nAuthorization: Bearer "
                        + "e30.e30." + randomSegment(20) + "\r\n", null));
        kinds.put("forged and broken tokens", () -> RawHttp.request(ascii(pick("GET /customers/1234", "GET /customers?size=50",
                "DELETE /customers/1234", "GET /catalogs/customerinfo/1234") + " HTTP/1.1"),
                "Authorization: Bearer " + badToken() + "\r\n", null));
        kinds.put("spoofed forwarding headers", () -> RawHttp.request(ascii(pick("GET /catalogs/customerinfo/1234",
                "GET /customers/1234", "POST /customers") + " HTTP/1.1"), "Forwarded: for=10.0.0.1;host=evil.example;proto=https\r\n"
                + "X-Forwarded-For: " + pick("127.0.0.1", "10.0.0.1, 127.0.0.1", "<script>", "::1") + "\r\nX-Forwarded-Host: "
                + pick("evil.example", "localhost:" + CUSTOMER_SERVICE, "x\u00e9") + "\r\nX-Forwarded-Proto: " + pick("https", "gopher", "") + "\r\n"
                + "X-Forwarded-Port: " + pick("443", "-1", "99999999999") + "\r\nAuthorization: Bearer " + readToken + "\r\n", null));
        kinds.put("paging extremes", () -> RawHttp.request(ascii("GET /customers?page=" + pick("50000000", "2147483647",
                "-1", "1e9", "99999999999999999999", String.valueOf(random.nextInt(Integer.MAX_VALUE))) + "&size="
                + pick("50", "1", "0", "51", "2147483647", "-5") + " HTTP/1.1"), "Authorization: Bearer " + readToken + "\r\n", null));

        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        long begin = System.nanoTime();
        for (Map.Entry<String, Supplier<byte[]>> kind : kinds.entrySet()) {
            for (int i = 0; i < PER_KIND; i++) {
                byte[] request = kind.getValue().get();
                RawHttp.Answer answer = RawHttp.exchange(GATEWAY, request);
                sent++;
                statuses.merge(answer.status, 1, Integer::sum);
                String problem = judge(answer);
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
        System.out.printf("[e2e] hostile input: %d requests in %.1f s, statuses %s%n", sent,
                (System.nanoTime() - begin) / 1e9, statuses);

        assertThat(sent).isGreaterThanOrEqualTo(2000);
        assertThat(failures).as("requests answered wrongly").isEmpty();
        for (ServiceSpec service : Topology.SERVICES) {
            assertThat(RunningSuite.launcher().isHealthy(service)).as(service.name() + " healthy afterwards").isTrue();
        }
        assertThat(customerStore()).as("customer store unchanged").isEqualTo(before);
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
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        for (int offset = 0; offset < body.length; offset += 8192) {
            int length = Math.min(8192, body.length - offset);
            chunked.writeBytes(ascii(Integer.toHexString(length) + "\r\n"));
            chunked.write(body, offset, length);
            chunked.writeBytes(ascii("\r\n"));
        }
        chunked.writeBytes(ascii("0\r\n\r\n"));
        return RawHttp.request(ascii("POST /customers HTTP/1.1"), "Content-Type: application/json\r\nAuthorization: Bearer "
                + token + "\r\nTransfer-Encoding: chunked\r\n", chunked.toByteArray());
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
