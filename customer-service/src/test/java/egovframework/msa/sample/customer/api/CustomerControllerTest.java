package egovframework.msa.sample.customer.api;

import egovframework.msa.sample.customer.ConfigRepo;
import egovframework.msa.sample.customer.application.CustomerService;
import egovframework.msa.sample.customer.domain.Customer;
import egovframework.msa.sample.customer.domain.CustomerId;
import egovframework.msa.sample.customer.domain.CustomerPage;
import egovframework.msa.sample.customer.domain.CustomerNotFoundException;
import egovframework.msa.sample.customer.domain.EmailAlreadyUsedException;
import egovframework.msa.sample.support.accessrecord.AccessAction;
import egovframework.msa.sample.support.accessrecord.AccessRecords;
import egovframework.msa.sample.support.accessrecord.AccessRecordsUnavailableException;
import egovframework.msa.sample.support.security.TokenProperties;
import egovframework.msa.sample.support.security.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.MockMvcBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.mock.mockito.MockBean;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static egovframework.msa.sample.customer.domain.CustomerFixtures.CLOCK;
import static egovframework.msa.sample.customer.domain.CustomerFixtures.details;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(CustomerController.class)
@EnableConfigurationProperties(PagingProperties.class)
@Import(CustomerControllerTest.WithWriteToken.class)
// Jackson's strictness and the page sizes come from config-repo, as the config server serves them.
@TestPropertySource(properties = {ConfigRepo.NAMES, ConfigRepo.LOCATION,
        "suite.security.jwt.hmac-secret=" + CustomerControllerTest.SECRET})
class CustomerControllerTest {

    static final String SECRET = "test-key-of-at-least-thirty-two-bytes-0123456789";
    private static final TokenProperties TOKENS = new TokenProperties(SECRET, null, null, null, null, null);

    static String token(String scope) {
        return "Bearer " + Tokens.mint(TOKENS, "test", List.of(scope), List.of(), Duration.ofMinutes(5), Clock.systemUTC());
    }

    /** Every request below carries a token that may read and write, unless it sets its own header. */
    @TestConfiguration
    static class WithWriteToken {
        @Bean
        MockMvcBuilderCustomizer writeToken() {
            return builder -> builder.defaultRequest(get("/").header(HttpHeaders.AUTHORIZATION, token(Tokens.WRITE_SCOPE)));
        }
    }

    private static final String VALID = "{\"name\":\"홍길동\",\"email\":\"a@example.go.kr\",\"phone\":\"010-1234-5678\","
            + "\"address\":{\"zipCode\":\"30103\",\"street\":\"세종특별자치시 도움6로 11\"}}";

    @Autowired
    MockMvc mvc;
    @MockBean
    CustomerService service;
    @MockBean
    AccessRecords records;

    @Test
    void eachActionOpensItsAccessRecordBeforeTheDataIsTouchedAndIsRefusedWhenNoneCanBeKept() throws Exception {
        when(service.get(CustomerId.of(1234))).thenReturn(Customer.register(CustomerId.of(1234), details("홍길동"), CLOCK));
        mvc.perform(get("/customers/1234")).andExpect(status().isOk());
        verify(records).open(AccessAction.READ, "1234");

        doThrow(new AccessRecordsUnavailableException(10_000)).when(records).open(AccessAction.DELETE, "1234");
        problem(mvc.perform(delete("/customers/1234")), 503)
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.detail").value(containsString("access records cannot be kept")));
        verify(service, never()).delete(any());
    }

    @Test
    void getsACustomerAsUtf8Json() throws Exception {
        when(service.get(CustomerId.of(1234))).thenReturn(Customer.register(CustomerId.of(1234), details("홍길동"), CLOCK));

        mvc.perform(get("/customers/1234"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(1234))
                .andExpect(jsonPath("$.name").value("홍길동"))
                .andExpect(jsonPath("$.address.zipCode").value("30103"));
    }

    @Test
    void malformedIdIs400NamingTheField() throws Exception {
        problem(mvc.perform(get("/customers/abc")), 400)
                .andExpect(jsonPath("$.errors[0].field").value("id"));
    }

    @Test
    void unknownIdIs404() throws Exception {
        when(service.get(CustomerId.of(9))).thenThrow(new CustomerNotFoundException(CustomerId.of(9)));

        problem(mvc.perform(get("/customers/9")), 404)
                .andExpect(jsonPath("$.detail").value("Customer 9 not found"));
    }

    @Test
    void invalidBodyIs400ListingEveryBadFieldAndNothingIsStored() throws Exception {
        problem(mvc.perform(post("/customers").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\" \",\"email\":\"nope\",\"phone\":\"010-1234-5678\"}")), 400)
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.contains("name", "email", "address")));
        verify(service, never()).register(any());
    }

    @Test
    void malformedJsonIs400() throws Exception {
        problem(mvc.perform(post("/customers").contentType(MediaType.APPLICATION_JSON).content("{\"name\":")), 400)
                .andExpect(jsonPath("$.detail").value("The request body is missing or is not valid JSON"));
    }

    @Test
    void unknownFieldIs400NamingIt() throws Exception {
        problem(mvc.perform(post("/customers").contentType(MediaType.APPLICATION_JSON)
                .content(VALID.replace("{\"name\"", "{\"admin\":true,\"name\""))), 400)
                .andExpect(jsonPath("$.errors[0].field").value("admin"));
    }

    @Test
    void wrongTypeIs400NamingTheField() throws Exception {
        problem(mvc.perform(post("/customers").contentType(MediaType.APPLICATION_JSON)
                .content(VALID.replace("\"name\":\"홍길동\"", "\"name\":[1,2]"))), 400)
                .andExpect(jsonPath("$.errors[0].field").value("name"));
    }

    @Test
    void numbersWhereTextBelongsAre400() throws Exception {
        problem(mvc.perform(post("/customers").contentType(MediaType.APPLICATION_JSON)
                .content(VALID.replace("\"홍길동\"", "12345"))), 400)
                .andExpect(jsonPath("$.errors[0].field").value("name"));
        problem(mvc.perform(post("/customers").contentType(MediaType.APPLICATION_JSON)
                .content(VALID.replace("\"30103\"", "30103"))), 400)
                .andExpect(jsonPath("$.errors[0].field").value("address.zipCode"));
        verify(service, never()).register(any());
    }

    @Test
    void trailingGarbageIs400() throws Exception {
        problem(mvc.perform(post("/customers").contentType(MediaType.APPLICATION_JSON).content(VALID + "}garbage")), 400);
        verify(service, never()).register(any());
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        problem(mvc.perform(post("/customers").contentType(MediaType.TEXT_PLAIN).content("hello")), 415);
    }

    @Test
    void registerAnswers201WithLocation() throws Exception {
        when(service.register(any())).thenReturn(Customer.register(CustomerId.of(10_000), details("홍길동"), CLOCK));

        mvc.perform(post("/customers").contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "http://localhost/customers/10000"))
                .andExpect(jsonPath("$.name").value("홍길동"));
    }

    @Test
    void anEmailAnotherCustomerUsesIs409NamingTheField() throws Exception {
        when(service.register(any())).thenThrow(new EmailAlreadyUsedException());
        when(service.change(eq(CustomerId.of(1235)), any())).thenThrow(new EmailAlreadyUsedException());

        for (ResultActions result : List.of(mvc.perform(post("/customers").contentType(MediaType.APPLICATION_JSON).content(VALID)),
                mvc.perform(put("/customers/1235").contentType(MediaType.APPLICATION_JSON).content(VALID)))) {
            problem(result, 409)
                    .andExpect(jsonPath("$.title").value("Conflict"))
                    .andExpect(jsonPath("$.detail").value("The e-mail address is already used by another customer"))
                    .andExpect(jsonPath("$.errors[0].field").value("email"))
                    .andExpect(content().string(not(containsString("a@example.go.kr"))));
        }
    }

    @Test
    void putOnAMalformedIdIs400() throws Exception {
        problem(mvc.perform(put("/customers/-5").contentType(MediaType.APPLICATION_JSON).content(VALID)), 400);
        verify(service, never()).change(any(), any());
    }

    @Test
    void pageSizeComesFromConfigurationAndIsBounded(@Autowired PagingProperties paging) throws Exception {
        int size = paging.getDefaultSize();
        Customer one = Customer.register(CustomerId.of(1234), details("홍길동"), CLOCK);
        when(service.list(eq(0), eq(size))).thenReturn(new CustomerPage(List.of(one), 0, size, 2L * size + 1));
        mvc.perform(get("/customers").header(HttpHeaders.AUTHORIZATION, token(Tokens.READ_SCOPE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.size").value(size))
                .andExpect(jsonPath("$.totalElements").value(2 * size + 1))
                .andExpect(jsonPath("$.totalPages").value(3))
                .andExpect(jsonPath("$.content[0].id").value(1234));
        verify(service).list(0, size);

        problem(mvc.perform(get("/customers").param("size", String.valueOf(paging.getMaxSize() + 1))), 400)
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        problem(mvc.perform(get("/customers").param("page", "x")), 400)
                .andExpect(jsonPath("$.errors[0].field").value("page"));
    }

    private static ResultActions problem(ResultActions result, int status) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(content().string(not(containsString("Exception"))));
    }

    @Test
    void readingWithoutATokenIsRefusedWith401() throws Exception {
        problem(mvc.perform(get("/customers/1234").header(HttpHeaders.AUTHORIZATION, "")), 401)
                .andExpect(header().string("WWW-Authenticate", containsString("Bearer")));
        problem(mvc.perform(get("/customers").header(HttpHeaders.AUTHORIZATION, "")), 401);
        verify(service, never()).get(any());
    }

    @Test
    void aReadTokenReadsButCannotWrite() throws Exception {
        when(service.get(CustomerId.of(1234))).thenReturn(Customer.register(CustomerId.of(1234), details("홍길동"), CLOCK));
        mvc.perform(get("/customers/1234").header(HttpHeaders.AUTHORIZATION, token(Tokens.READ_SCOPE)))
                .andExpect(status().isOk());

        problem(mvc.perform(post("/customers").header(HttpHeaders.AUTHORIZATION, token(Tokens.READ_SCOPE))
                .contentType(MediaType.APPLICATION_JSON).content(VALID)), 403);
        problem(mvc.perform(post("/customers").header(HttpHeaders.AUTHORIZATION, "Bearer not.a.token")
                .contentType(MediaType.APPLICATION_JSON).content(VALID)), 401);
        verify(service, never()).register(any());
    }

    @Test
    void aPageWhoseOffsetWouldOverflowIsRefused(@Autowired PagingProperties paging) throws Exception {
        int size = paging.getMaxSize();
        problem(mvc.perform(get("/customers").param("page", String.valueOf(Integer.MAX_VALUE / size))
                .param("size", String.valueOf(size))), 400)
                .andExpect(jsonPath("$.detail", containsString("page")));
    }
}
