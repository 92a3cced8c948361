package egovframework.msa.sample.gateway.edge;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IP address in one hop of {@code X-Forwarded-For} or a {@code Forwarded: for=} value ({@code 192.0.2.7},
 * {@code 192.0.2.7:4711}, {@code [2001:db8::7]:4711}, {@code 2001:db8::7}), or none for anything else
 * ({@code unknown}, an obfuscated {@code _name}, a host name, garbage). Literals only: a name is never looked up,
 * so no header makes the gateway ask DNS (InetAddress.getByName would, for anything that is not a literal).
 */
final class NodeAddress {

    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}");
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("(" + OCTET + "(?:\\." + OCTET + "){3}):\\d{1,5}");
    /** Starts with a hex digit or a colon (else the JDK would look it up as a name) and has a colon. */
    private static final Pattern IPV6 = Pattern.compile("(?=[^:]*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");
    private static final Pattern BRACKETED = Pattern.compile("\\[([0-9A-Fa-f:.]+)](?::\\d{1,5})?");

    private NodeAddress() {
    }

    /** The address a hop names, normalised as Tomcat writes remote addresses (2001:db8:0:0:0:0:0:7). */
    static Optional<InetAddress> of(String node) {
        String text = node.strip();
        Matcher bracketed = BRACKETED.matcher(text);
        if (bracketed.matches()) {
            return ipv6(bracketed.group(1));
        }
        Matcher withPort = IPV4_WITH_PORT.matcher(text);
        if (withPort.matches()) {
            return literal(withPort.group(1));
        }
        if (IPV4.matcher(text).matches()) {
            return literal(text);
        }
        return ipv6(text);
    }

    /** An address written as a bare literal, without brackets or port (a CIDR's address part). */
    static Optional<InetAddress> literalOnly(String text) {
        return IPV4.matcher(text).matches() ? literal(text) : ipv6(text);
    }

    private static Optional<InetAddress> ipv6(String text) {
        return IPV6.matcher(text).matches() ? literal(text) : Optional.empty();
    }

    /** Only ever called with a dotted quad or a string with a colon: InetAddress parses those without DNS. */
    private static Optional<InetAddress> literal(String text) {
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
