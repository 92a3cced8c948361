package egovframework.msa.sample.catalogs.api;

import egovframework.msa.sample.catalogs.application.CustomerInfoService;
import egovframework.msa.sample.catalogs.domain.CustomerDirectory;
import egovframework.msa.sample.catalogs.domain.CustomerId;
import egovframework.msa.sample.catalogs.domain.CustomerInfo;
import egovframework.msa.sample.catalogs.domain.CustomerLookup;
import egovframework.msa.sample.catalogs.domain.UnknownCustomerException;
import egovframework.msa.sample.support.accessrecord.AccessAction;
import egovframework.msa.sample.support.accessrecord.AccessRecords;
import egovframework.msa.sample.support.accessrecord.AccessRecordsUnavailableException;
import egovframework.msa.sample.support.security.TokenProperties;
import egovframework.msa.sample.support.security.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.mock.mockito.MockBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(CatalogsController.class)
@Import({CustomerInfoService.class, CatalogsControllerTest.FixedClock.class})
@TestPropertySource(properties = "suite.security.jwt.hmac-secret=" + CatalogsControllerTest.SECRET)
class CatalogsControllerTest {

    static final String SECRET = "test-key-of-at-least-thirty-two-bytes-0123456789";

    private static String bearer(String scope) {
        return "Bearer " + Tokens.mint(new TokenProperties(SECRET, null, null, null, null, null), "test",
                List.of(scope), List.of(), Duration.ofMinutes(5), Clock.systemUTC());
    }

    @Autowired
    MockMvc mvc;
    @MockBean
    CustomerDirectory directory;
    @MockBean
    AccessRecords records;

    @Test
    void plainTextInTheGuideFormatByDefault() throws Exception {
        when(directory.lookup(CustomerId.parse("1234"))).thenReturn(found());

        mvc.perform(get("/catalogs/customerinfo/1234").header("Accept", "*/*")
                        .header("Authorization", bearer(Tokens.READ_SCOPE)))
                .andExpect(status().isOk())
                .andExpect(content().contentType("text/plain;charset=UTF-8"))
                .andExpect(content().string("[Customer id = 1234 at 1594991787610 name=홍길동, email=h@example.go.kr,"
                        + " phone=010-1234-5678 ]"));
    }

    @Test
    void browsersGetPlainTextToo() throws Exception {
        when(directory.lookup(CustomerId.parse("1234"))).thenReturn(found());

        mvc.perform(get("/catalogs/customerinfo/1234")
                        .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"))
                .andExpect(content().contentType("text/plain;charset=UTF-8"));
    }

    @Test
    void jsonWhenAskedFor() throws Exception {
        when(directory.lookup(CustomerId.parse("1234"))).thenReturn(found());

        mvc.perform(get("/catalogs/customerinfo/1234").header("Accept", "application/json")
                        .header("Authorization", bearer(Tokens.READ_SCOPE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.customerId").value("1234"))
                .andExpect(jsonPath("$.timestamp").value(1594991787610L))
                .andExpect(jsonPath("$.customer.name").value("홍길동"))
                .andExpect(jsonPath("$.masked").value(false))
                .andExpect(jsonPath("$.fallback").value(false));
    }

    @Test
    void anonymousCallersAndTokensWithoutTheReadScopeSeePersonalDataMasked() throws Exception {
        when(directory.lookup(CustomerId.parse("1234"))).thenReturn(found());

        mvc.perform(get("/catalogs/customerinfo/1234"))
                .andExpect(content().string("[Customer id = 1234 at 1594991787610 name=홍*동, email=*@example.go.kr,"
                        + " phone=010-****-5678 ]"));
        mvc.perform(get("/catalogs/customerinfo/1234").header("Accept", "application/json")
                        .header("Authorization", bearer("something:else")))
                .andExpect(jsonPath("$.customer.name").value("홍*동"))
                .andExpect(jsonPath("$.customer.phone").value("010-****-5678"))
                .andExpect(jsonPath("$.masked").value(true));
    }

    @Test
    void onlyACustomerShownUnmaskedIsAnAccessRecorded() throws Exception {
        when(directory.lookup(CustomerId.parse("1234"))).thenReturn(found());
        when(directory.lookup(CustomerId.parse("4242"))).thenReturn(CustomerLookup.unavailable());

        mvc.perform(get("/catalogs/customerinfo/1234")).andExpect(status().isOk());
        mvc.perform(get("/catalogs/customerinfo/1234").header("Authorization", bearer("something:else"))).andExpect(status().isOk());
        mvc.perform(get("/catalogs/customerinfo/4242").header("Authorization", bearer(Tokens.READ_SCOPE))).andExpect(status().isOk());
        verifyNoInteractions(records);

        mvc.perform(get("/catalogs/customerinfo/1234").header("Authorization", bearer(Tokens.READ_SCOPE))).andExpect(status().isOk());
        verify(records).open(AccessAction.READ, "1234");
    }

    @Test
    void anEntitledCallerGets503NotTheDataWhenNoRecordCanBeKept() throws Exception {
        when(directory.lookup(CustomerId.parse("1234"))).thenReturn(found());
        doThrow(new AccessRecordsUnavailableException(10_000)).when(records).open(AccessAction.READ, "1234");

        mvc.perform(get("/catalogs/customerinfo/1234").header("Accept", "application/json")
                        .header("Authorization", bearer(Tokens.READ_SCOPE)))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(content().string(not(containsString("홍길동"))));
        mvc.perform(get("/catalogs/customerinfo/1234")).andExpect(status().isOk());
    }

    @Test
    void anInvalidTokenIsRefusedNotTreatedAsAnonymous() throws Exception {
        mvc.perform(get("/catalogs/customerinfo/1234").header("Authorization", "Bearer not.a.token"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    }

    @Test
    void fallbackIsMarkedInJson() throws Exception {
        when(directory.lookup(CustomerId.parse("1234"))).thenReturn(CustomerLookup.unavailable());

        mvc.perform(get("/catalogs/customerinfo/1234").header("Accept", "application/json"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.fallback").value(true))
                .andExpect(jsonPath("$.message").value("customer service unavailable"))
                .andExpect(jsonPath("$.customer").doesNotExist())
                .andExpect(jsonPath("$.source").doesNotExist())
                .andExpect(jsonPath("$.masked").value(false));
    }

    @Test
    void lastKnownDetailsNameTheirSourceAndAgeAndAreMaskedForAnonymousCallers() throws Exception {
        when(directory.lookup(CustomerId.parse("1234"))).thenReturn(CustomerLookup.lastKnown(
                new CustomerInfo("홍길동", "h@example.go.kr", "010-1234-5678"), Instant.ofEpochMilli(1594991787610L - 42_000)));

        mvc.perform(get("/catalogs/customerinfo/1234"))
                .andExpect(content().string("[Customer id = 1234 at 1594991787610 name=홍*동, email=*@example.go.kr,"
                        + " phone=010-****-5678 (last known, 42 s old) ]"));
        mvc.perform(get("/catalogs/customerinfo/1234").header("Accept", "application/json"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.customer.name").value("홍*동"))
                .andExpect(jsonPath("$.customer.phone").value("010-****-5678"))
                .andExpect(jsonPath("$.masked").value(true))
                .andExpect(jsonPath("$.fallback").value(true))
                .andExpect(jsonPath("$.source").value("read-model"))
                .andExpect(jsonPath("$.asOf").value("2020-07-17T13:15:45.610Z"))
                .andExpect(jsonPath("$.ageSeconds").value(42))
                .andExpect(jsonPath("$.message").value("customer service unavailable"));
        mvc.perform(get("/catalogs/customerinfo/1234").header("Accept", "application/json")
                        .header("Authorization", bearer(Tokens.READ_SCOPE)))
                .andExpect(jsonPath("$.customer.name").value("홍길동"))
                .andExpect(jsonPath("$.masked").value(false))
                .andExpect(jsonPath("$.source").value("read-model"));
    }

    @Test
    void liveAnswersNameTheirSourceAndHaveNoAge() throws Exception {
        when(directory.lookup(CustomerId.parse("1234"))).thenReturn(found());

        mvc.perform(get("/catalogs/customerinfo/1234").header("Accept", "application/json"))
                .andExpect(jsonPath("$.source").value("customer-service"))
                .andExpect(jsonPath("$.asOf").doesNotExist())
                .andExpect(jsonPath("$.ageSeconds").doesNotExist())
                .andExpect(jsonPath("$.message").doesNotExist());
    }

    @Test
    void malformedIdIs400WithAProblem() throws Exception {
        mvc.perform(get("/catalogs/customerinfo/abc"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value("customerId"));
    }

    @Test
    void unknownCustomerIs404NotAFallback() throws Exception {
        when(directory.lookup(CustomerId.parse("9"))).thenThrow(new UnknownCustomerException(CustomerId.parse("9")));

        mvc.perform(get("/catalogs/customerinfo/9"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("Customer 9 not found"));
    }

    @Test
    void unsupportedAcceptIs406() throws Exception {
        mvc.perform(get("/catalogs/customerinfo/1234").header("Accept", "image/png"))
                .andExpect(status().isNotAcceptable());
    }

    private static CustomerLookup found() {
        return CustomerLookup.found(new CustomerInfo("홍길동", "h@example.go.kr", "010-1234-5678"));
    }

    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(Instant.ofEpochMilli(1594991787610L), ZoneOffset.UTC);
        }
    }
}
