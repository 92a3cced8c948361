package egovframework.msa.sample.eureka.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.LocalServerPort;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registrations bound to the application's own VIP addresses (RegistrationCheck), over real HTTP on a registry
 * configured from config-repo/ as in EurekaAccessTest (the same context, so Spring's test cache shares it): every
 * form a login could use to put its instance under another application's VIP (JSON, XML, content types Eureka
 * reads as XML, comma lists, the secure VIP, any case, duplicate keys) is refused with a problem, one WARN line
 * and a count, and leaves nothing in the registry under the foreign VIP; the own VIP in any case and the
 * operator's registrations pass.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.application.name=eureka-server", "eureka.client.enabled=true", "management.server.port=0",
        "eureka.server.wait-time-in-ms-when-sync-empty=0",
        "spring.config.additional-location=file:${user.dir}/../config-repo/application.yml,file:${user.dir}/../config-repo/eureka-server.yml"})
class RegistrationCheckTest {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "registration-check-test";

    @LocalServerPort
    int port;
    @Value("${local.management.port}")
    int managementPort;
    @Value("${suite.access.clients.catalogs}")
    String catalogsPassword;
    @Value("${suite.access.operator.username}")
    String operatorUser;
    @Value("${suite.access.operator.password}")
    String operatorPassword;
    @Value("${suite.access.metrics.username}")
    String metricsUser;
    @Value("${suite.access.metrics.password}")
    String metricsPassword;

    private String catalogs() {
        return login("catalogs", catalogsPassword);
    }

    private String operator() {
        return login(operatorUser, operatorPassword);
    }

    @AfterEach
    void removeTheTestInstance() throws Exception {
        send("DELETE", "/eureka/apps/CATALOGS/" + ID, null, null, operator());
    }

    @Test
    void aForeignVipIsRefusedInEveryForm(CapturedOutput output) throws Exception {
        List<String> refusals = new ArrayList<>();
        refusals.add(json("customer", null));
        refusals.add(json(null, "customer"));
        refusals.add(json("catalogs,customer", null));
        refusals.add(json("customer,catalogs", null));
        refusals.add(json("CUSTOMER", null));
        refusals.add(json("Customer", "catalogs"));
        refusals.add(json("catalogs,,catalogs", null));
        refusals.add(json(" catalogs", null));
        // Eureka's JSON reader keeps the last of two keys: so does the check, it is the same reader.
        refusals.add(json("catalogs", null).replace("\"vipAddress\":\"catalogs\"", "\"vipAddress\":\"catalogs\",\"vipAddress\":\"customer\""));
        long before = refusedCount("foreign-vip");
        int logLinesBefore = warnLines(output, "foreign-vip").size();
        for (String body : refusals) {
            assertRefused(register("application/json", body, catalogs()), 403, body);
        }
        // XML, as application/xml and as the content types Eureka's provider also reads as XML (subtype * or anything but json).
        for (String type : List.of("application/xml", "application/xml; charset=UTF-8", "*/*", "application/*", "*/whatever",
                "text/xml;q=1", "APPLICATION/XML")) {
            HttpResponse<String> answer = register(type, xml("customer", null), catalogs());
            if (type.startsWith("text/")) {
                assertRefused(answer, 415, type);
            } else {
                assertRefused(answer, 403, type);
            }
        }
        assertRefused(register("application/xml", xml(null, "catalogs,customer"), catalogs()), 403, "XML secure VIP list");
        assertRefused(register("application/JSON", json("customer", null), catalogs()), 403, "JSON in upper case");

        int refusedForVip = refusals.size() + 6 + 2;
        assertThat(refusedCount("foreign-vip") - before).as("eureka.registrations.refused{reason=foreign-vip}").isEqualTo(refusedForVip);
        List<String> lines = warnLines(output, "foreign-vip");
        assertThat(lines.size() - logLinesBefore).as("one WARN line per refusal").isEqualTo(refusedForVip);
        assertThat(lines.get(logLinesBefore)).contains("login 'catalogs'", "vipAddress 'customer'");
        assertThat(vipInstances("customer")).as("nothing registered under the foreign VIP").doesNotContain(ID);
        assertThat(vipInstances("catalogs")).doesNotContain(ID);
    }

    @Test
    void theOwnVipInAnyCaseAndNoVipAtAllPass() throws Exception {
        for (String vip : List.of("catalogs", "CATALOGS", "catalogs,Catalogs", "")) {
            HttpResponse<String> answer = register("application/json", json(vip, vip), catalogs());
            assertThat(answer.statusCode()).as(vip + ": " + answer.body()).isEqualTo(204);
        }
        assertThat(register("application/json", json(null, null), catalogs()).statusCode()).isEqualTo(204);
        assertThat(register("application/xml", xml("catalogs", "catalogs"), catalogs()).statusCode()).isEqualTo(204);
        assertThat(vipInstances("catalogs")).contains(ID);
    }

    @Test
    void theOperatorMayRegisterUnderAnyVip() throws Exception {
        assertThat(register("application/json", json("customer", null), operator()).statusCode()).isEqualTo(204);
        assertThat(vipInstances("customer")).contains(ID);
    }

    @Test
    void bodiesTheCheckCannotReadAreRefusedNotPassed(CapturedOutput output) throws Exception {
        long unreadable = refusedCount("unreadable-body");
        assertRefused(register("application/json", "{\"instance\":{\"app\":\"CATALOGS\",", catalogs()), 400, "truncated JSON");
        assertRefused(register("application/xml", "<instance><app>CATALOGS</app><vipAddress>customer", catalogs()), 400, "truncated XML");
        HttpResponse<String> gzip = http.send(request("/eureka/apps/CATALOGS", catalogs()).header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(gzip(json("customer", null)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertRefused(gzip, 415, "gzip");
        assertThat(refusedCount("unreadable-body") - unreadable).isEqualTo(3);

        long mediaType = refusedCount("unsupported-media-type");
        assertRefused(register("text/plain", json("customer", null), catalogs()), 415, "text/plain");
        assertRefused(register("application/json; charset=UTF-16", json("customer", null), catalogs()), 415, "UTF-16");
        assertRefused(register("application/json; charset", json("customer", null), catalogs()), 415, "malformed content type");
        HttpResponse<String> none = http.send(request("/eureka/apps/CATALOGS", catalogs())
                .POST(HttpRequest.BodyPublishers.ofString(json("customer", null))).build(), HttpResponse.BodyHandlers.ofString());
        assertRefused(none, 415, "no content type");
        assertThat(refusedCount("unsupported-media-type") - mediaType).isEqualTo(4);

        String huge = json("catalogs", null).replace("\"hostName\"", "\"metadata\":{\"x\":\"" + "a".repeat(70_000) + "\"},\"hostName\"");
        assertThat(register("application/json", huge, catalogs()).statusCode()).as("over the body limit").isEqualTo(413);
        assertThat(vipInstances("customer")).doesNotContain(ID);
        assertThat(output.getOut()).doesNotContain("\tat com.netflix");
    }

    @Test
    void applicationsCannotSpeakAsAPeerNorRegisterForOthers() throws Exception {
        HttpResponse<String> peer = http.send(request("/eureka/apps/CATALOGS", catalogs()).header("Content-Type", "application/json")
                .header("x-netflix-discovery-replication", "true").POST(HttpRequest.BodyPublishers.ofString(json("catalogs", null))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertRefused(peer, 403, "replication header");
        HttpResponse<String> batch = http.send(request("/eureka/peerreplication/batch", catalogs()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"replicationList\":[]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(batch.statusCode()).as("peer replication is the operator's").isEqualTo(403);
        assertThat(register("application/json", json("metrics", null).replace("CATALOGS", "METRICS"), login(metricsUser, metricsPassword),
                "/eureka/apps/METRICS").statusCode()).as("the scrape login registers nothing, not even under its own name").isEqualTo(403);
        HttpResponse<String> v2 = http.send(request("/eureka/v2/apps/CATALOGS", operator()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json("customer", null))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(v2.statusCode()).as("/eureka/v2 is not served").isEqualTo(404);
        assertThat(vipInstances("customer")).doesNotContain(ID);
    }

    /** A caller's line breaks do not reach the log: the refusal stays one line. */
    @Test
    void theWarnLineCannotBeSplit(CapturedOutput output) throws Exception {
        assertRefused(register("application/json", json("customer\\r\\nFORGED LINE\\u2028x", null), catalogs()), 403, "CR/LF");
        assertThat(output.getOut()).doesNotContainPattern("(?m)^FORGED LINE").doesNotContain("\u2028");
        assertThat(warnLines(output, "foreign-vip")).anySatisfy(line -> assertThat(line).contains("customer??FORGED LINE?x"));
    }

    private static void assertRefused(HttpResponse<String> answer, int status, String what) throws IOException {
        assertThat(answer.statusCode()).as(what + ": " + answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(what).startsWith("application/problem+json");
        assertThat(JSON.readTree(answer.body()).path("status").asInt()).isEqualTo(status);
    }

    private static List<String> warnLines(CapturedOutput output, String reason) {
        List<String> lines = new ArrayList<>();
        Matcher line = Pattern.compile("(?m)^.*WARN.*Registration refused \\(" + Pattern.quote(reason) + "\\).*$").matcher(output.getOut());
        while (line.find()) {
            lines.add(line.group());
        }
        return lines;
    }

    /** The registry's instance ids under a VIP, as Ribbon and Spring Cloud look them up. */
    private List<String> vipInstances(String vip) throws Exception {
        HttpResponse<String> answer = http.send(request("/eureka/vips/" + vip, operator()).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> ids = new ArrayList<>();
        if (answer.statusCode() == 200) {
            for (JsonNode app : list(JSON.readTree(answer.body()).path("applications").path("application"))) {
                for (JsonNode instance : list(app.path("instance"))) {
                    ids.add(instance.path("instanceId").asText());
                }
            }
        }
        return ids;
    }

    private static Iterable<JsonNode> list(JsonNode node) {
        return node.isArray() ? node : node.isMissingNode() ? List.of() : List.of(node);
    }

    /** eureka.registrations.refused for one reason, as Prometheus reads it. */
    private long refusedCount(String reason) throws Exception {
        String scrape = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                .header("Authorization", login(metricsUser, metricsPassword)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher count = Pattern.compile("(?m)^eureka_registrations_refused_total\\{[^}]*reason=\"" + Pattern.quote(reason) + "\"[^}]*} (\\S+)$")
                .matcher(scrape);
        assertThat(count.find()).as("eureka_registrations_refused_total{reason=" + reason + "} in " + scrape.length() + " chars").isTrue();
        return (long) Double.parseDouble(count.group(1));
    }

    private static String json(String vip, String secureVip) {
        return "{\"instance\":{\"instanceId\":\"" + ID + "\",\"hostName\":\"localhost\",\"app\":\"CATALOGS\","
                + (vip == null ? "" : "\"vipAddress\":\"" + vip + "\",")
                + (secureVip == null ? "" : "\"secureVipAddress\":\"" + secureVip + "\",")
                + "\"ipAddr\":\"127.0.0.1\",\"status\":\"UP\",\"port\":{\"$\":9,\"@enabled\":\"true\"},"
                + "\"dataCenterInfo\":{\"@class\":\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\",\"name\":\"MyOwn\"}}}";
    }

    private static String xml(String vip, String secureVip) {
        return "<instance><instanceId>" + ID + "</instanceId><hostName>localhost</hostName><app>CATALOGS</app>"
                + "<ipAddr>127.0.0.1</ipAddr><status>UP</status><port enabled=\"true\">9</port>"
                + (vip == null ? "" : "<vipAddress>" + vip + "</vipAddress>")
                + (secureVip == null ? "" : "<secureVipAddress>" + secureVip + "</secureVipAddress>")
                + "<dataCenterInfo class=\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\"><name>MyOwn</name></dataCenterInfo></instance>";
    }

    private HttpResponse<String> register(String contentType, String body, String authorization) throws Exception {
        return register(contentType, body, authorization, "/eureka/apps/CATALOGS");
    }

    private HttpResponse<String> register(String contentType, String body, String authorization, String path) throws Exception {
        return http.send(request(path, authorization).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body, String authorization) throws Exception {
        HttpRequest.Builder request = request(path, authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String authorization) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", authorization);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static String login(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
