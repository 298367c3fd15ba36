package io.llgate.server.security;

import inet.ipaddr.AddressStringParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import inet.ipaddr.ipv6.IPv6AddressStringParameters;
import io.llgate.server.GatewayMode;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
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
 * (192.0.0.0/24, 198.18.0.0/15, 240.0.0.0/4), the IPv6 discard block 100::/64 and local-use NAT64
 * 64:ff9b:1::/48, {@code localhost} and its subdomains, and hosts that do not resolve. IPv6 addresses that
 * lead to an IPv4 address (mapped ::ffff:0:0/96, compatible ::/96, NAT64 64:ff9b::/96, 6to4 2002::/16,
 * Teredo 2001::/32) are judged by that IPv4 address as well.
 *
 * <p>An IPv4 address must be written as four decimal numbers without leading zeros: other forms
 * ({@code 0177.0.0.1}, {@code 0x7f.1}, {@code 127.1}, {@code 2130706433}) are read differently by
 * different resolvers (C's {@code inet_aton} reads {@code 0177} as octal 127, Java as decimal 177), so the
 * address checked here need not be the one a proxy or another client connects to. They are refused.
 * Parsing and the well-known ranges are the IPAddress library's. Sandbox mode allows everything, so a
 * developer's machine can receive notifications.
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
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            // RFC 6761: always loopback, whatever a resolver says.
            return Optional.of("names the local host (" + host + ")");
        }
        List<IPAddress> addresses;
        if (host.startsWith("[") && host.endsWith("]")) {
            IPAddress literal = STRICT.parse(host.substring(1, host.length() - 1));
            if (literal == null || !literal.isIPv6()) {
                return Optional.of("has an IPv6 address that cannot be read (" + host + ")");
            }
            addresses = List.of(literal);
        } else if (looksLikeIpv4(host)) {
            IPAddress literal = STRICT.parse(host);
            if (literal == null || !literal.isIPv4() || !literal.toCanonicalString().equals(host)) {
                return Optional.of(ambiguous(host));
            }
            addresses = List.of(literal);
        } else {
            try {
                addresses = resolver.resolve(host).stream().map(MerchantUrlGuard::toIpAddress).toList();
            } catch (UnknownHostException | RuntimeException e) {
                return Optional.of("has a host that does not resolve (" + host + ")");
            }
            if (addresses.isEmpty()) {
                return Optional.of("has a host that does not resolve (" + host + ")");
            }
        }
        for (IPAddress address : addresses) {
            Optional<String> refusal = nonPublic(address);
            if (refusal.isPresent()) {
                return refusal.map(kind -> "resolves to " + kind);
            }
        }
        return Optional.empty();
    }

    /**
     * A host whose last label is a number (decimal, or hex with 0x): resolvers take it for an IPv4 address in
     * some notation, never for a name, since no top-level domain is numeric. A trailing dot does not change that.
     */
    private static boolean looksLikeIpv4(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = name.substring(name.lastIndexOf('.') + 1);
        return last.matches("[0-9]+|0x[0-9a-f]*");
    }

    /** The refusal of an IPv4 address not written as four plain decimal numbers, saying how C's resolver reads it. */
    private static String ambiguous(String host) {
        IPAddress asCReadsIt = LENIENT.parse(host);
        return "writes an IP address in a form that resolvers read differently (" + host
                + (asCReadsIt != null && asCReadsIt.isIPv4() ? ", which C's inet_aton reads as " + asCReadsIt : "")
                + "); write it as four decimal numbers without leading zeros";
    }

    private static IPAddress toIpAddress(InetAddress address) {
        return address instanceof Inet4Address v4 ? new IPv4Address(v4) : new IPv6Address((Inet6Address) address);
    }

    /** "a private address (10.0.0.1)" and the like when the address is not public, or empty for a public one. */
    static Optional<String> nonPublic(IPAddress address) {
        String shown = address.toInetAddress().getHostAddress();
        if (address.isIPv4()) {
            return ipv4Kind(address.toIPv4()).map(kind -> kind + " address (" + shown + ")");
        }
        IPv6Address v6 = address.toIPv6();
        Optional<String> kind = ipv6Kind(v6);
        if (kind.isPresent()) {
            return kind.map(k -> k + " address (" + shown + ")");
        }
        for (IPv4Address carried : carriedIpv4(v6)) {
            Optional<String> carriedKind = ipv4Kind(carried);
            if (carriedKind.isPresent()) {
                return carriedKind.map(k -> k + " address (" + shown + ", which carries " + carried + ")");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> ipv4Kind(IPv4Address v4) {
        if (v4.isLoopback()) {
            return Optional.of("a loopback");
        }
        if (v4.isLinkLocal()) {
            return Optional.of("a link-local");
        }
        if (v4.isPrivate()) {
            return Optional.of("a private");
        }
        if (v4.isMulticast()) {
            return Optional.of("a multicast");
        }
        return IPV4_BLOCKS.stream().filter(b -> b.range().contains(v4)).map(Block::kind).findFirst();
    }

    private static Optional<String> ipv6Kind(IPv6Address v6) {
        if (v6.isAnyLocal()) {
            return Optional.of("an unspecified");
        }
        if (v6.isLoopback()) {
            return Optional.of("a loopback");
        }
        if (v6.isLinkLocal()) {
            return Optional.of("a link-local");
        }
        if (v6.isUniqueLocal() || v6.isSiteLocal()) {
            return Optional.of("a private");
        }
        if (v6.isMulticast()) {
            return Optional.of("a multicast");
        }
        return IPV6_BLOCKS.stream().filter(b -> b.range().contains(v6)).map(Block::kind).findFirst();
    }

    /**
     * The IPv4 addresses an IPv6 address leads to: the one it maps or is compatible with, the one NAT64
     * (64:ff9b::/96) translates it to, the 6to4 relay's, and Teredo's server and (obfuscated) client.
     */
    private static List<IPv4Address> carriedIpv4(IPv6Address v6) {
        if (v6.isIPv4Mapped() || v6.isIPv4Compatible() || v6.isWellKnownIPv4Translatable()) {
            return List.of(v6.getEmbeddedIPv4Address());
        }
        if (v6.is6To4()) {
            return List.of(v6.get6To4IPv4Address());
        }
        if (v6.isTeredo()) {
            return List.of(v6.getEmbeddedIPv4Address(4), new IPv4Address(~v6.getEmbeddedIPv4Address().intValue()));
        }
        return List.of();
    }

    /** A special-purpose block the library has no predicate for, and what to call it. */
    private record Block(IPAddress range, String kind) {
        static Block of(String cidr, String kind) {
            return new Block(new IPAddressString(cidr).getAddress().toPrefixBlock(), kind);
        }
    }

    /** IANA's special-purpose IPv4 blocks that are not globally reachable, beyond loopback, link-local, private, multicast. */
    private static final List<Block> IPV4_BLOCKS = List.of(
            Block.of("0.0.0.0/8", "an unspecified"),
            Block.of("100.64.0.0/10", "a shared (carrier NAT)"),
            Block.of("192.0.0.0/24", "a reserved"),
            Block.of("198.18.0.0/15", "a reserved"),
            Block.of("255.255.255.255/32", "a broadcast"),
            Block.of("240.0.0.0/4", "a reserved"));

    /** The same for IPv6: the discard block and local-use NAT64, whose IPv4 placement is the operator's choice. */
    private static final List<Block> IPV6_BLOCKS = List.of(
            Block.of("100::/64", "a reserved"),
            Block.of("64:ff9b:1::/48", "a local-use NAT64"));

    /** Reads an address in one notation family; null when the text is not an address in it. */
    private record Notation(IPAddressStringParameters parameters) {
        IPAddress parse(String text) {
            IPAddressString parsed = new IPAddressString(text, parameters);
            return parsed.isValid() && parsed.isIPAddress() ? parsed.getAddress() : null;
        }
    }

    /**
     * Plain addresses only: IPv4 as four decimal numbers without leading zeros, IPv6 without zone, prefix,
     * ranges or binary, and an IPv4 inside IPv6 as strict as a plain one.
     */
    private static final Notation STRICT = strict();

    /** Every form C's inet_aton takes (octal, hex, one to four parts), to say what an ambiguous host means. */
    private static final Notation LENIENT = new Notation(new IPAddressStringParameters.Builder()
            .allowEmpty(false).allowPrefix(false).allowMask(false).allowSingleSegment(true).allow_inet_aton(true)
            .getIPv4AddressParametersBuilder().allow_inet_aton_octal(true).allow_inet_aton_hex(true)
            .allow_inet_aton_joined_segments(true).getParentBuilder()
            .toParams());

    private static Notation strict() {
        IPAddressStringParameters.Builder builder = new IPAddressStringParameters.Builder()
                .allowEmpty(false).allowPrefix(false).allowMask(false).allowSingleSegment(false)
                .allowWildcardedSeparator(false).setRangeOptions(AddressStringParameters.RangeParameters.NO_RANGE)
                .allow_inet_aton(false);
        builder.getIPv4AddressParametersBuilder().allow_inet_aton(false).allowBinary(false)
                .allowLeadingZeros(false).allowUnlimitedLeadingZeros(false);
        IPv6AddressStringParameters.Builder v6 = builder.getIPv6AddressParametersBuilder()
                .allowZone(false).allowEmptyZone(false).allowBinary(false).allowBase85(false)
                .allow_mixed_inet_aton(false);
        v6.getEmbeddedIPv4AddressParametersBuilder().allow_inet_aton(false).allowBinary(false)
                .allowLeadingZeros(false).allowUnlimitedLeadingZeros(false);
        return new Notation(builder.toParams());
    }
}
