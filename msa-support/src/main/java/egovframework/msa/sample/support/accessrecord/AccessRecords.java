package egovframework.msa.sample.support.accessrecord;

import org.slf4j.MDC;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import javax.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a service calls where it touches customers' personal data, so that the access is recorded (개인정보
 * 접속기록): {@link #open} before the data is read, changed or shown, naming what is done and, where already known,
 * to whom; {@link #customers} names them once known (a new customer's id, the customers on a page). The record is
 * completed with the request's result when the request completes ({@link AccessRecordCompletion}) and written
 * by the {@link AccessRecordWriter}, never in the request.
 *
 * <p>{@code open} refuses, with {@link AccessRecordsUnavailableException} (a 503 problem), when records cannot
 * be kept right now: the data is then not touched. The account is the authenticated caller's name (a bearer
 * token's subject), the address {@code request.getRemoteAddr()} (the gateway's X-Forwarded-For, which the
 * services honour: server.forward-headers-strategy), the trace id Sleuth's, from the logging context.
 *
 * <p>Off ({@code suite.access-records.enabled: false}, which only a local run may set) every call does nothing.
 */
public class AccessRecords {

    static final String OPEN = AccessRecords.class.getName() + ".open";
    /** The key under which Sleuth puts the current trace id into the logging context. */
    static final String TRACE_ID = "traceId";
    static final String ANONYMOUS = "anonymous";

    private final AccessRecordWriter writer;
    private final Clock clock;

    AccessRecords(AccessRecordWriter writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
    }

    static AccessRecords off(Clock clock) {
        return new AccessRecords(null, clock);
    }

    /** Whether this instance keeps records (always, but in a local benchmark run that compares their cost). */
    public boolean enabled() {
        return writer != null;
    }

    /**
     * Opens the record of this request's access to personal data.
     *
     * @throws AccessRecordsUnavailableException when no record can be kept now: do not touch the data
     * @throws IllegalStateException             outside a request, or when this request already opened one
     */
    public void open(AccessAction action, String... customerIds) {
        if (writer == null) {
            return;
        }
        HttpServletRequest request = currentRequest();
        if (request.getAttribute(OPEN) != null) {
            throw new IllegalStateException("this request already opened an access record");
        }
        Principal caller = request.getUserPrincipal();
        OpenRecord open = new OpenRecord(clock, caller == null ? ANONYMOUS : caller.getName(), request.getRemoteAddr(),
                action, MDC.get(TRACE_ID), AccessRecord.checkedIds(customerIds));
        writer.reserve();
        request.setAttribute(OPEN, open);
    }

    /** Names customers of this request's open record, once known: the one just registered, those on a page. */
    public void customers(String... customerIds) {
        if (writer == null) {
            return;
        }
        OpenRecord open = (OpenRecord) currentRequest().getAttribute(OPEN);
        if (open == null) {
            throw new IllegalStateException("no access record is open for this request");
        }
        open.customers.addAll(AccessRecord.checkedIds(customerIds));
    }

    /** Completes the request's record, if it opened one, with the request's result, and hands it to the writer. */
    void complete(HttpServletRequest request, int status, Exception failure) {
        OpenRecord open = (OpenRecord) request.getAttribute(OPEN);
        if (open == null) {
            return;
        }
        request.removeAttribute(OPEN);
        AccessRecord record;
        try {
            record = open.complete(result(status, failure));
        } catch (RuntimeException invalid) {
            writer.release();
            throw invalid;
        }
        writer.submit(record);
    }

    /** A short word for what came of the request; the status itself where none fits. */
    static String result(int status, Exception failure) {
        if (failure != null && status < 400) {
            return "error";
        }
        if (status >= 200 && status < 400) {
            return "ok";
        }
        switch (status) {
            case 400:
                return "invalid";
            case 404:
                return "not-found";
            case 409:
                return "conflict";
            case 503:
                return "unavailable";
            default:
                return status >= 500 ? "error" : Integer.toString(status);
        }
    }

    private static HttpServletRequest currentRequest() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof ServletRequestAttributes)) {
            throw new IllegalStateException("access records are opened within a request");
        }
        return ((ServletRequestAttributes) attributes).getRequest();
    }

    /** A record while its request runs: everything but the result. */
    private static final class OpenRecord {
        private final Instant accessedAt;
        private final String account;
        private final String clientAddress;
        private final AccessAction action;
        private final String traceId;
        private final List<String> customers;

        OpenRecord(Clock clock, String account, String clientAddress, AccessAction action, String traceId,
                   List<String> customers) {
            this.accessedAt = clock.instant();
            this.account = account;
            this.clientAddress = clientAddress;
            this.action = action;
            this.traceId = traceId;
            this.customers = new ArrayList<>(customers);
        }

        AccessRecord complete(String result) {
            return new AccessRecord(accessedAt, account, clientAddress, action, customers, result, traceId);
        }
    }
}
