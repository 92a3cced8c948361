package egovframework.msa.sample.support.security;

import egovframework.msa.sample.support.web.RequestSubject;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Right after the bearer token is checked: the token's subject ({@code sub}, the name Spring Security gives a
 * JWT authentication) goes into the request for the access log ({@link RequestSubject}), also when the
 * request is then refused for lack of a scope. A request without a valid token never gets here with one.
 */
final class SubjectCapture extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            RequestSubject.set(request, authentication.getName());
        }
        chain.doFilter(request, response);
    }
}
