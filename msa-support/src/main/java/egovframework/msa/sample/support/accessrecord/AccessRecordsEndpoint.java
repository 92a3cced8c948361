package egovframework.msa.sample.support.accessrecord;

import egovframework.msa.sample.support.problem.FieldProblem;
import egovframework.msa.sample.support.problem.ProblemBody;
import egovframework.msa.sample.support.problem.Problems;
import org.springframework.boot.actuate.endpoint.web.annotation.RestControllerEndpoint;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import javax.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /actuator/accessrecords} on the management port (operators' login, ManagementSecurityAutoConfiguration):
 * the access records for operators, newest first, filtered by {@code account}, {@code customer}, {@code from} and
 * {@code to} (ISO-8601 with offset, e.g. 2026-03-01T00:00:00+09:00; from inclusive, to exclusive), at most
 * {@code size} (default {@value AccessRecordQuery#DEFAULT_SIZE}, at most {@value AccessRecordQuery#MAX_SIZE});
 * {@code before} (the {@code nextBefore} of a full page) continues with older records. A filter that is not valid,
 * or not one of these (a misspelt one would silently show everything), is a 400 problem.
 *
 * <p>{@code /actuator/accessrecords/verify} checks the whole chain ({@link JdbcAccessRecords#verify}): 200 when
 * intact, 409 when broken, so {@code curl -f} fails on a broken chain; JSON, or the one line (without the
 * service's name) with {@code Accept: text/plain} ({@code ./suite access-records verify} asks that way).
 *
 * <p>Not one of Actuator's plain endpoints: those answer a bad parameter with Boot's own error body, not a
 * problem; a controller endpoint answers what this one returns.
 */
@RestControllerEndpoint(id = "accessrecords")
class AccessRecordsEndpoint {

    private static final Set<String> FILTERS = Set.of("account", "customer", "from", "to", "before", "size");

    private final JdbcAccessRecords chain;
    private final String service;

    AccessRecordsEndpoint(JdbcAccessRecords chain, String service) {
        this.chain = chain;
        this.service = service;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> records(@RequestParam Map<String, String> parameters, HttpServletRequest request) {
        AccessRecordQuery query;
        try {
            query = query(parameters);
        } catch (InvalidFilter invalid) {
            return Problems.of(HttpStatus.BAD_REQUEST, invalid.getMessage(), request.getRequestURI(),
                    List.of(new FieldProblem(invalid.parameter, invalid.getMessage())));
        }
        List<ChainedRecord> page;
        try {
            page = chain.find(query);
        } catch (DataAccessException | TransactionException e) {
            return unreadable(request);
        }
        List<Map<String, Object>> records = new ArrayList<>(page.size());
        page.forEach(record -> records.add(json(record)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("records", records);
        body.put("nextBefore", page.size() == query.size() ? page.get(page.size() - 1).id() : null);
        return ResponseEntity.ok(body);
    }

    @GetMapping(path = "/verify", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<?> verify(HttpServletRequest request) {
        String accept = String.valueOf(request.getHeader("Accept"));
        boolean text = accept.contains(MediaType.TEXT_PLAIN_VALUE) && !accept.contains("json");
        ChainCheck check;
        try {
            check = chain.verify();
        } catch (DataAccessException | TransactionException e) {
            return text ? ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.TEXT_PLAIN)
                    .body("access records not checked: the database does not answer\n") : unreadable(request);
        }
        HttpStatus status = check.intact() ? HttpStatus.OK : HttpStatus.CONFLICT;
        if (text) {
            return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(check.summary() + "\n");
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(check.toMap(service));
    }

    private static ResponseEntity<ProblemBody> unreadable(HttpServletRequest request) {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "The access records cannot be read: the database does not answer",
                request.getRequestURI());
    }

    static AccessRecordQuery query(Map<String, String> parameters) {
        for (String name : parameters.keySet()) {
            if (!FILTERS.contains(name)) {
                throw new InvalidFilter(name, "Unknown filter " + Problems.quote(name)
                        + ": account, customer, from, to, before and size are known");
            }
        }
        String account = text(parameters, "account", AccessRecord.MAX_ACCOUNT);
        String customer = text(parameters, "customer", AccessRecord.MAX_CUSTOMER_ID);
        Instant from = time(parameters, "from");
        Instant to = time(parameters, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidFilter("to", "to must be later than from");
        }
        Long before = number(parameters, "before", 1, Long.MAX_VALUE);
        Long size = number(parameters, "size", 1, AccessRecordQuery.MAX_SIZE);
        return new AccessRecordQuery(account, customer, from, to, before,
                size == null ? AccessRecordQuery.DEFAULT_SIZE : size.intValue());
    }

    private static String text(Map<String, String> parameters, String name, int max) {
        String value = parameters.get(name);
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.length() > max) {
            throw new InvalidFilter(name, name + " must be 1 to " + max + " characters");
        }
        return value;
    }

    private static Instant time(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidFilter(name, name + " must be an ISO-8601 time with its offset, such as"
                    + " 2026-03-01T00:00:00+09:00 or 2026-02-28T15:00:00Z, not " + Problems.quote(value));
        }
    }

    private static Long number(Map<String, String> parameters, String name, long min, long max) {
        String value = parameters.get(name);
        if (value == null) {
            return null;
        }
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new InvalidFilter(name, name + " must be a whole number from " + min + " to " + max);
    }

    private static Map<String, Object> json(ChainedRecord chained) {
        AccessRecord record = chained.record();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", chained.id());
        json.put("accessedAt", record.accessedAt().toString());
        json.put("account", record.account());
        json.put("clientAddress", record.clientAddress());
        json.put("action", record.action().word());
        json.put("customers", record.customerIds());
        json.put("result", record.result());
        json.put("traceId", record.traceId().orElse(null));
        json.put("hash", chained.hash());
        return json;
    }

    /** A filter that is not one, or not valid: a 400 problem naming it. */
    static final class InvalidFilter extends IllegalArgumentException {
        final String parameter;

        InvalidFilter(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }
    }
}
