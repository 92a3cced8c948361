package egovframework.msa.sample.gateway.edge;

import egovframework.msa.sample.support.startup.InvalidSettingException;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The proxies in front of the gateway whose word on the client's address counts ({@code TRUSTED_PROXIES}: CIDRs
 * or single addresses, comma-separated; none locally and in compose, the ingress controller's range in
 * Kubernetes). For a connection from one of them the client is the rightmost address of the forwarded chain
 * that is not itself a trusted proxy; for every other connection it is the connection's own address, whatever
 * the caller's headers say.
 */
final class TrustedProxies {

    private final List<IpAddressMatcher> ranges;
    private final List<String> written;

    private TrustedProxies(List<IpAddressMatcher> ranges, List<String> written) {
        this.ranges = List.copyOf(ranges);
        this.written = List.copyOf(written);
    }

    static TrustedProxies none() {
        return new TrustedProxies(List.of(), List.of());
    }

    static TrustedProxies parse(List<String> entries) {
        List<IpAddressMatcher> ranges = new ArrayList<>();
        List<String> written = new ArrayList<>();
        for (String entry : entries == null ? List.<String>of() : entries) {
            String cidr = entry == null ? "" : entry.strip();
            if (!cidr.isEmpty()) {
                ranges.add(range(cidr));
                written.add(cidr);
            }
        }
        return new TrustedProxies(ranges, written);
    }

    /**
     * One entry, checked here rather than by IpAddressMatcher alone: it resolves anything that is not a literal
     * through DNS, and reads a negative or missing prefix length as "this address only".
     */
    private static IpAddressMatcher range(String cidr) {
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr : cidr.substring(0, slash);
        Optional<InetAddress> parsed = NodeAddress.literalOnly(address);
        if (parsed.isEmpty()) {
            throw invalid(cidr, "is not an IP address or CIDR (e.g. 10.244.0.0/16)");
        }
        int bits = parsed.get() instanceof Inet4Address ? 32 : 128;
        if (slash >= 0) {
            String prefix = cidr.substring(slash + 1);
            if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > bits) {
                throw invalid(cidr, "has no prefix length between 1 and " + bits);
            }
            if (Integer.parseInt(prefix) == 0) {
                throw invalid(cidr, "would trust every address: name the proxies' own range");
            }
        }
        return new IpAddressMatcher(parsed.get().getHostAddress() + (slash < 0 ? "" : cidr.substring(slash)));
    }

    private static InvalidSettingException invalid(String cidr, String problem) {
        return new InvalidSettingException("TRUSTED_PROXIES (suite.gateway.trusted-proxies): '" + cidr + "' " + problem);
    }

    boolean trusts(InetAddress address) {
        String literal = address.getHostAddress();
        return ranges.stream().anyMatch(range -> range.matches(literal));
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    /**
     * The client of a request that came from {@code remoteAddress} with this forwarded chain (left to right, the
     * client first, each proxy appending the address it received the request from). From an untrusted
     * connection the chain is ignored. From a trusted one the chain is read from the right: trusted proxies are
     * skipped, the first address that is not one is the client. Where a hop names no address (unknown, an
     * obfuscated name, garbage) the proxy that wrote it is the last thing known, and counts as the client; where
     * every hop is a trusted proxy, the leftmost is.
     */
    String clientAddress(String remoteAddress, List<String> chain) {
        Optional<InetAddress> remote = NodeAddress.of(remoteAddress);
        if (remote.isEmpty() || !trusts(remote.get())) {
            return remoteAddress;
        }
        InetAddress client = remote.get();
        for (int i = chain.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = NodeAddress.of(chain.get(i));
            if (hop.isEmpty()) {
                break;
            }
            client = hop.get();
            if (!trusts(client)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    @Override
    public String toString() {
        return written.isEmpty() ? "none" : String.join(",", written);
    }
}
