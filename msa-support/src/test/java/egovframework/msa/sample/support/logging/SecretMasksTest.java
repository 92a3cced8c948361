package egovframework.msa.sample.support.logging;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMasksTest {

    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "headers={authorization:\"Bearer " + JWT + "\", accept:\"*/*\"}|headers={authorization:\"****\", accept:\"*/*\"}",
            "Authorization: Basic b3BlcmF0b3I6ZGV2LW1hbmFnZW1lbnQtb3BlcmF0b3I=|Authorization: ****",
            "sent Bearer " + JWT + " upstream|sent Bearer **** upstream",
            "with Basic b3BlcmF0b3I6ZGV2LW1hbmFnZW1lbnQtb3BlcmF0b3I= to it|with Basic **** to it",
            "Malformed token " + JWT + " refused|Malformed token **** refused",
            "GET /catalogs?access_token=" + JWT + "&x=1|GET /catalogs?access_token=****&x=1",
            "defaultZone http://customer:dev-eureka-customer@localhost:8761/eureka/|defaultZone http://customer:****@localhost:8761/eureka/",
            "jdbc:postgresql://customer:pg-pass@db:5432/customer|jdbc:postgresql://customer:****@db:5432/customer",
            "spring.datasource.password=hunter2-db, next|spring.datasource.password=****, next",
            "JWT_HMAC_SECRET=abcdefghijklmnopqrstuvwxyz012345|JWT_HMAC_SECRET=****",
            "{\"username\":\"u\",\"password\":\"p4ss\"}|{\"username\":\"u\",\"password\":\"****\"}",
            "Opening http://localhost:9081/actuator/hystrix.stream?key=dev-stream-key-local-runs-only|Opening http://localhost:9081/actuator/hystrix.stream?key=****",
            "db.password: '{cipher}AQA1b2c3d4e5'|db.password: '{cipher}****'",
            "value {cipher}AQA1b2c3d4e5 served|value {cipher}**** served",
            // Names ending in key, after a separator, in any case.
            "ENCRYPT_KEY=k3y-material-9f2c|ENCRYPT_KEY=****",
            "STREAM_KEY=stream-key-9f2c, next|STREAM_KEY=****, next",
            "encrypt.key: k3y-material-9f2c|encrypt.key: ****",
            "encrypt-key = k3y-material-9f2c|encrypt-key = ****",
            "headers=[x-api-key:\"a1b2c3d4\", accept:\"*/*\"]|headers=[x-api-key:\"****\", accept:\"*/*\"]",
            "X-API-KEY: a1b2c3d4|X-API-KEY: ****",
            "{\"encrypt.key\":\"k3y-material-9f2c\"}|{\"encrypt.key\":\"****\"}",
            "spring.rabbitmq.password=guest-9f2c|spring.rabbitmq.password=****",
            "Client_Secret: s3cr3t|Client_Secret: ****",
            "X-Auth-Token: abc123|X-Auth-Token: ****",
            // URL-encoded: the separators and quotes as %XX, in either case.
            "POST /login body=user%3Dhong%26password%3Dsecret-9f2c%26next%3D1|POST /login body=user%3Dhong%26password%3D****%26next%3D1",
            "q=%7B%22password%22%3A%22p4ss-9f2c%22%7D|q=%7B%22password%22%3A%22****%22%7D",
            "q=%7b%22password%22%3a%22p4ss-9f2c%22%7d|q=%7b%22password%22%3a%22****%22%7d",
            "redirect=%2Fhome%3Ftoken%3Dabc123%26x%3D1|redirect=%2Fhome%3Ftoken%3D****%26x%3D1",
            "GET /catalogs?access_token=abc123&x=1|GET /catalogs?access_token=****&x=1",
            "GET /catalogs?x=1&ACCESS_TOKEN=abc123|GET /catalogs?x=1&ACCESS_TOKEN=****",
            "q=encrypt%2Ekey%3Dk3y|q=encrypt%2Ekey%3D****",
            "q=encrypt%5fkey%3dk3y|q=encrypt%5fkey%3d****",
            "db%2Epassword%3D%7Bcipher%7DAQA1b2c3|db%2Epassword%3D****"})
    void masksTheSecretAndKeepsTheRest(String line, String masked) {
        assertThat(SecretMasks.mask(line)).isEqualTo(masked);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Started CustomerApplication in 7.1 seconds (JVM running for 8.0)",
            "Fetching config from server at : http://localhost:8888",
            "Refusing to start. Missing JWT_HMAC_SECRET, CONFIG_SERVER_PASSWORD (profiles: docker)",
            // RequiredSettingsCheck's own wording, as StartupFailuresIT expects it in the JSON log.
            "Refusing to start. Development value in JWT_HMAC_SECRET (profile docker takes credentials and keys from the environment: .env or a Kubernetes Secret, fresh random values; README; never from defaults)",
            "Shorter than 16 characters: EUREKA_PASSWORD, RABBITMQ_PASSWORD (profile k8s takes credentials)",
            "Shorter than 16 characters: EUREKA_PASSWORD",
            "GET \"/customers/1234\", parameters={}",
            "Registering application CUSTOMER with eureka with status UP",
            "Customer events wait in the outbox: RabbitMQ at 127.0.0.1:5672",
            "Bearer token is malformed",
            "Basic authentication is required",
            // Ordinary words that contain or end in the secret words.
            "keyboard=qwerty layout",
            "monkey=3 turnkey=4 hotkey=F5",
            "token bucket refilled: 5 tokens",
            "tokens=5 of 10 left",
            "Routing key: customer.events, routingKey=customer.registered",
            "keys from the environment: .env",
            "Missing STREAM_KEY, ENCRYPT_KEY (profile docker takes credentials and keys from the environment)",
            "GET /customers?page=2%3D&size=50"})
    void leavesOrdinaryLinesAlone(String line) {
        assertThat(SecretMasks.mask(line)).isSameAs(line);
    }
}
