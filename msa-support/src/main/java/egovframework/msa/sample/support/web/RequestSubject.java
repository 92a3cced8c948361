package egovframework.msa.sample.support.web;

import javax.servlet.ServletRequest;

/**
 * Who made a request, for its access-log line: the subject of the token it was authenticated with, kept as a
 * request attribute as soon as Spring Security has authenticated it (security, ResourceServer). The access log
 * runs outside Spring Security's chain, whose security context is cleared by the time the line is written.
 */
public final class RequestSubject {

    static final String ATTRIBUTE = RequestSubject.class.getName();
    /** Logged for a request that was not authenticated (no token, or one that was refused). */
    static final String NONE = "-";

    private RequestSubject() {
    }

    public static void set(ServletRequest request, String subject) {
        if (subject != null && !subject.isBlank()) {
            request.setAttribute(ATTRIBUTE, subject);
        }
    }

    /** The subject, or {@value #NONE}. */
    static String of(ServletRequest request) {
        Object subject = request.getAttribute(ATTRIBUTE);
        return subject == null ? NONE : subject.toString();
    }
}
