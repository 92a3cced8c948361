package egovframework.msa.sample.support.accessrecord;

import org.springframework.web.servlet.HandlerInterceptor;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Completes a request's access record once the request is done, with its status: Spring MVC calls
 * {@code afterCompletion} for every request its handler mapping took, after any exception handler has set the
 * status (a not-found customer is then recorded as not-found, not ok).
 */
final class AccessRecordCompletion implements HandlerInterceptor {

    private final AccessRecords records;

    AccessRecordCompletion(AccessRecords records) {
        this.records = records;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception failure) {
        records.complete(request, response.getStatus(), failure);
    }
}
