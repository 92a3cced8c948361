package egovframework.msa.sample.configserver.security;

import egovframework.msa.sample.support.security.ClientLogins;
import org.springframework.security.core.Authentication;

import javax.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an application's login may ask the config server: its own environment, {@code GET /{app}/{profiles}} or
 * {@code GET /{app}/{profiles}/{label}}, as Spring Cloud Config's client asks it, and nothing else. An allow-list
 * of exact shapes on the raw request URI (before the container decodes or normalises anything), so none of
 * Config Server's other endpoints is reachable in any spelling: not the resource endpoint
 * ({@code /{name}/{profile}/{label}/{path}}, any file of any commit; also as {@code /{name}/{profile}/{path}?useDefaultLabel}),
 * not the flattened {@code .yml}/{@code .yaml}/{@code .properties}/{@code .json} forms (a dot never appears in the
 * first two segments), not {@code (_)} label separators, encoded characters ({@code %}), {@code ;}, empty segments
 * or trailing slashes. No query string: the environment needs none. Every application of a comma list must be the
 * login's own, exactly as named (the client sends spring.application.name). Profiles are names of letters, digits,
 * '-' and '_'; a label may also hold dots (tags such as v1.2), but never two in a row nor first.
 */
final class OwnEnvironment implements BiPredicate<Authentication, HttpServletRequest> {

    private static final String NAME = "[a-z0-9][a-z0-9-]*";
    private static final String PROFILE = "[A-Za-z0-9][A-Za-z0-9_-]*";
    private static final Pattern SHAPE = Pattern.compile("/(" + NAME + "(?:," + NAME + ")*)/" + PROFILE + "(?:," + PROFILE + ")*"
            + "(?:/(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._-]*)?");

    @Override
    public boolean test(Authentication caller, HttpServletRequest request) {
        if (caller == null || !isClient(caller) || !"GET".equals(request.getMethod()) || request.getQueryString() != null) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Matcher shape = SHAPE.matcher(path);
        return shape.matches() && Arrays.stream(shape.group(1).split(",")).allMatch(caller.getName()::equals);
    }

    private static boolean isClient(Authentication caller) {
        return caller.getAuthorities().stream().anyMatch(a -> ("ROLE_" + ClientLogins.CLIENT).equals(a.getAuthority()));
    }
}
