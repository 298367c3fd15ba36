package io.llgate.server.security;

import io.llgate.server.GatewayMode;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps merchants from pointing the gateway into its own network: in production mode a URL a merchant
 * gives ({@code notify_url}, {@code url_return}) may only name a host whose every address is public.
 * Refused are loopback, private (RFC 1918, IPv6 unique-local fc00::/7, the old fec0::/10), link-local
 * (which holds cloud metadata services such as 169.254.169.254), multicast and broadcast, the unspecified
 * address and 0.0.0.0/8, the shared address space 100.64.0.0/10 (carrier NAT, and where some clouds put
 * internal services, e.g. Alibaba Cloud's metadata at 100.100.100.200), the other reserved IPv4 blocks
 * (192.0.0.0/24, 198.18.0.0/15, 240.0.0.0/4), IPv4 addresses wrapped in IPv6 (mapped, compatible, NAT64
 * 64:ff9b::/96) by the IPv4 they wrap, {@code localhost} and its subdomains, and hosts that do not resolve.
 * Sandbox mode allows everything, so a developer's machine can receive notifications.
 *
 * <p>Names are looked up with the {@link Resolver} given, which in production is the JVM's own lookup;
 * the HTTP client connecting right after a check asks the same JVM cache (30 s by default, whatever the
 * DNS record's TTL), so a name cannot be rebound between check and connect unless its cache entry expires
 * in that instant, or the cache is switched off with {@code networkaddress.cache.ttl=0}.
 */
public final class MerchantUrlGuard {
    /** Looks a host name up, as DNS would; a seam so that tests never use real DNS. */
    @FunctionalInterface
    public interface Resolver {
        /** The JVM's lookup, with its cache. */
        Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private final boolean enforced;
    private final Resolver resolver;

    private MerchantUrlGuard(boolean enforced, Resolver resolver) {
        this.enforced = enforced;
        this.resolver = resolver;
    }

    /** Enforcing in production mode, allowing everything in sandbox mode. */
    public static MerchantUrlGuard forMode(GatewayMode mode, Resolver resolver) {
        return mode.isSandbox() ? allowingEverything() : new MerchantUrlGuard(true, resolver);
    }

    public static MerchantUrlGuard allowingEverything() {
        return new MerchantUrlGuard(false, host -> {
            throw new UnknownHostException("a guard that allows everything looks nothing up");
        });
    }

    /**
     * Why the gateway must not call this URL, e.g. "resolves to a private address (10.0.0.1)",
     * or empty when it may. Never throws; an unreadable URL is refused.
     */
    public Optional<String> refusal(String url) {
        if (!enforced) {
            return Optional.empty();
        }
        String host;
        try {
            host = new URI(url).getHost();
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL");
        }
        if (host == null || host.isEmpty()) {
            return Optional.of("has no host");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            // RFC 6761: always loopback, whatever a resolver says.
            return Optional.of("names the local host (" + host + ")");
        }
        List<InetAddress> addresses;
        try {
            addresses = isLiteral(host) ? List.of(InetAddress.getByName(host)) : resolver.resolve(host);
        } catch (UnknownHostException | RuntimeException e) {
            return Optional.of("has a host that does not resolve (" + host + ")");
        }
        if (addresses.isEmpty()) {
            return Optional.of("has a host that does not resolve (" + host + ")");
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = nonPublicKind(address);
            if (kind.isPresent()) {
                return Optional.of("resolves to " + kind.get() + " address (" + address.getHostAddress() + ")");
            }
        }
        return Optional.empty();
    }

    /** What kind of non-public address this is ("a private", "a loopback", ...), or empty for a public one. */
    static Optional<String> nonPublicKind(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return Optional.of("an unspecified");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("a private");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast");
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return Optional.of("an unspecified");
            }
            if (first == 100 && (second & 0xc0) == 64) {
                return Optional.of("a shared (carrier NAT)");
            }
            if ((first == 192 && second == 0 && b[2] == 0) || (first == 198 && (second & 0xfe) == 18) || first >= 240) {
                return Optional.of("a reserved");
            }
            return Optional.empty();
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return Optional.of("a private");
        }
        Optional<InetAddress> wrapped = wrappedIpv4(b);
        return wrapped.isPresent() ? nonPublicKind(wrapped.get()) : Optional.empty();
    }

    /** The IPv4 address inside ::ffff:a.b.c.d, ::a.b.c.d or 64:ff9b::a.b.c.d, if this is one of those. */
    private static Optional<InetAddress> wrappedIpv4(byte[] b) {
        byte[] head = Arrays.copyOf(b, 12);
        boolean compatible = Arrays.equals(head, new byte[12]);
        boolean mapped = Arrays.equals(head, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff});
        boolean nat64 = Arrays.equals(head, new byte[] {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0});
        if (!(compatible || mapped || nat64)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * A dotted-quad IPv4 or an IPv6 literal, which the JVM parses without any lookup. A dotted quad with an
     * octet above 255 would be looked up as a name, so it is no literal and must fail to parse.
     */
    private static boolean isLiteral(String host) throws UnknownHostException {
        if (host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            if (Arrays.stream(host.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255)) {
                throw new UnknownHostException(host);
            }
            return true;
        }
        return host.contains(":") && host.matches("[0-9a-f:.]+");
    }
}
