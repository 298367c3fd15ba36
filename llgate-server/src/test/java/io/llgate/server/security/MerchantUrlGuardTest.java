package io.llgate.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import io.llgate.server.GatewayMode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which merchant URLs production mode refuses to call; names resolve through a fake DNS, never the real one. */
class MerchantUrlGuardTest {
    private static final Map<String, List<String>> DNS = Map.of(
            "shop.example", List.of("203.0.113.7"),
            "dual.example", List.of("203.0.113.7", "2001:db8::7"),
            "internal.example", List.of("10.1.2.3"),
            "sneaky.example", List.of("203.0.113.7", "192.168.0.10"),
            "metadata.example", List.of("100.100.100.200"),
            "rebound.example", List.of("127.0.0.1"),
            "sixtofour.example", List.of("2002:7f00:1::1"),
            "teredo.example", List.of("2001:0:4136:e378:8000:63bf:80ff:fffe"));

    private final MerchantUrlGuard production = MerchantUrlGuard.forMode(GatewayMode.PRODUCTION, MerchantUrlGuardTest::lookUp);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "http://127.0.0.1/notify", "http://127.8.9.10:8080/notify", "http://[::1]/notify",
            "http://10.0.0.1/notify", "http://172.16.0.1/n", "http://172.31.255.254/n", "http://192.168.1.20/n",
            "http://169.254.169.254/latest/meta-data", "http://[fe80::1]/n", "http://[fc00::1]/n", "http://[fd12:3456::1]/n",
            "http://[fec0::1]/n", "http://224.0.0.1/n", "http://[ff02::1]/n", "http://255.255.255.255/n",
            "http://0.0.0.0/n", "http://0.1.2.3/n", "http://[::]/n", "http://100.64.0.1/n", "http://100.127.255.254/n",
            "http://192.0.0.8/n", "http://198.18.0.1/n", "http://240.0.0.1/n",
            "http://[::ffff:10.0.0.1]/n", "http://[::10.0.0.1]/n", "http://[64:ff9b::a00:1]/n",
            "http://localhost/notify", "http://LOCALHOST:8080/notify", "http://shop.localhost/notify",
            "http://internal.example/notify", "https://sneaky.example/notify", "http://metadata.example/",
            "http://rebound.example/notify", "http://unknown.example/notify", "http://999.0.0.1/notify",
            "not a url", "http:///nohost", "mailto:shop@example.com"})
    void productionRefusesUrlsThatDoNotLeadToAPublicAddress(String url) {
        assertThat(production.refusal(url)).as(url).isPresent();
    }

    /**
     * Hostile forms: IPv4 written so that resolvers disagree on it (C's inet_aton reads 0177 as octal 127, Java
     * as decimal 177), and IPv6 addresses that lead to a non-public IPv4 address.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // octal, hex, shortened, integer, leading zeros, trailing dot, too many parts
            "http://0177.0.0.1/", "http://0177.0.0.01/", "http://0177.1/", "http://017700000001/",
            "http://0x7f.0.0.1/", "http://0x7F.0x0.0x0.0x1/", "http://0x7f000001/", "http://0x7f.1/",
            "http://2130706433/", "http://127.1/", "http://127.0.1/", "http://010.0.0.1/", "http://10.0.0.010/",
            "http://08.8.8.8/", "http://8.8.8.08/", "http://0/", "http://127.0.0.1./", "http://203.0.113.7./",
            "http://1.2.3.4.5/", "http://256.0.0.1/", "http://4294967296/", "http://0x100000000/",
            // 6to4: 2002:AABB:CCDD:: carries AA.BB.CC.DD
            "http://[2002:7f00:1::1]/", "http://[2002:7f00:0001::]/", "http://[2002:a00:1::1]/n",
            "http://[2002:c0a8:101::1]:8080/n", "http://[2002:a9fe:a9fe::]/latest/meta-data",
            "http://[2002:6464:64c8::1]/", "http://[2002::1]/",
            // IPv4-mapped and IPv4-compatible, in hex and dotted notation
            "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/", "http://[0:0:0:0:0:ffff:a9fe:a9fe]/",
            "http://[::127.0.0.1]/", "http://[::7f00:1]/", "http://[::ffff:0177.0.0.1]/",
            // NAT64, well-known and local-use
            "http://[64:ff9b::127.0.0.1]/", "http://[64:ff9b::7f00:1]/", "http://[64:ff9b::a9fe:a9fe]/",
            "http://[64:ff9b:1::cb00:7107]/", "http://[64:ff9b:1:2::1]/",
            // Teredo: the server's IPv4 in bits 32-63, the client's inverted in the last 32 bits
            "http://[2001:0:a00:1::1]/", "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",
            // discard-only, zone, names that resolve to such addresses
            "http://[100::1]/", "http://[fe80::1%25eth0]/", "http://sixtofour.example/", "http://teredo.example/"})
    void productionRefusesAmbiguousAndWrappedForms(String url) {
        assertThat(production.refusal(url)).as(url).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "http://[2002:cb00:7107::1]/n", "http://[64:ff9b::cb00:7107]/n", "http://[64:ff9b::203.0.113.7]/n",
            "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/n", "http://[::ffff:8.8.8.8]/n", "http://[2606:4700::1111]/n",
            "http://shop.example/n"})
    void productionAllowsPublicAddressesInEveryAcceptedForm(String url) {
        assertThat(production.refusal(url)).as(url).isEmpty();
    }

    @Test
    void theRefusalOfAnAmbiguousOrWrappedAddressSaysWhatItLeadsTo() {
        assertThat(production.refusal("http://0177.0.0.1/")).get(STRING)
                .contains("0177.0.0.1").contains("reads as 127.0.0.1");
        assertThat(production.refusal("http://[2002:7f00:1::1]/"))
                .contains("resolves to a loopback address (2002:7f00:1:0:0:0:0:1, which carries 127.0.0.1)");
        assertThat(production.refusal("http://[64:ff9b::a9fe:a9fe]/")).get(STRING)
                .contains("a link-local address").contains("169.254.169.254");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "http://203.0.113.7/notify", "https://8.8.8.8/n", "http://100.63.255.255/n", "http://100.128.0.1/n",
            "http://172.15.255.255/n", "http://172.32.0.1/n", "http://192.169.0.1/n", "http://[2001:db8::1]/n",
            "http://[::ffff:203.0.113.7]/n", "https://shop.example/pay/notify?x=1", "http://dual.example:8443/n"})
    void productionAllowsPublicAddresses(String url) {
        assertThat(production.refusal(url)).as(url).isEmpty();
    }

    @Test
    void theRefusalNamesTheKindOfAddressAndTheAddress() {
        assertThat(production.refusal("http://internal.example/notify"))
                .contains("resolves to a private address (10.1.2.3)");
        assertThat(production.refusal("http://[::1]:8080/notify")).contains("resolves to a loopback address (0:0:0:0:0:0:0:1)");
        assertThat(production.refusal("http://169.254.169.254/")).contains("resolves to a link-local address (169.254.169.254)");
        assertThat(production.refusal("http://metadata.example/"))
                .contains("resolves to a shared (carrier NAT) address (100.100.100.200)");
        assertThat(production.refusal("http://unknown.example/")).contains("has a host that does not resolve (unknown.example)");
        assertThat(production.refusal("http://localhost/")).contains("names the local host (localhost)");
    }

    @Test
    void sandboxAllowsEverythingWithoutLookingAnythingUp() {
        MerchantUrlGuard sandbox = MerchantUrlGuard.forMode(GatewayMode.SANDBOX, host -> {
            throw new AssertionError("the sandbox looked up " + host);
        });

        for (String url : List.of("http://127.0.0.1/n", "http://10.0.0.1/n", "http://localhost:9000/n",
                "http://internal.example/n", "http://[::1]/n")) {
            assertThat(sandbox.refusal(url)).as(url).isEmpty();
        }
    }

    @Test
    void ipLiteralsAreNeverLookedUp() {
        MerchantUrlGuard guard = MerchantUrlGuard.forMode(GatewayMode.PRODUCTION, host -> {
            throw new AssertionError("looked up the literal " + host);
        });

        assertThat(guard.refusal("http://203.0.113.7/n")).isEmpty();
        assertThat(guard.refusal("http://[2001:db8::1]/n")).isEmpty();
        assertThat(guard.refusal("http://10.0.0.1/n")).isPresent();
    }

    private static List<InetAddress> lookUp(String host) throws UnknownHostException {
        List<String> addresses = DNS.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        // Literals only: InetAddress.getByName parses them without any lookup.
        return addresses.stream().map(MerchantUrlGuardTest::literal).toList();
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
