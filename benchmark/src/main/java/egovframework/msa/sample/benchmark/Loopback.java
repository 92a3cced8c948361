package egovframework.msa.sample.benchmark;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The harness loads this machine only: a load test pointed at someone else's host is an attack. A target
 * host is accepted only if every address it resolves to is a loopback address.
 */
public final class Loopback {

    public static final String DEFAULT_HOST = "127.0.0.1";

    private Loopback() {
    }

    /** Returns the host unchanged, or throws if it is blank, does not resolve, or resolves off this machine. */
    public static String require(String host) {
        if (host == null || host.isBlank()) {
            throw new BenchException("no target host given");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new BenchException("target host " + host + " does not resolve; only loopback targets are allowed");
        }
        for (InetAddress address : addresses) {
            if (!address.isLoopbackAddress()) {
                throw new BenchException("refusing target host " + host + ": it resolves to " + address.getHostAddress()
                        + ", which is not a loopback address (the benchmark only loads this machine)");
            }
        }
        return host;
    }

    /** {@code http://host:port}, with an IPv6 literal in brackets. */
    static String baseUrl(String host, int port) {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
