package io.llgate.server.fuzz;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Hostile text: what attackers, broken clients and unlucky users put in fields. */
final class Hostile {
    static final String EMOJI = "\uD83D\uDE00";

    private Hostile() {
    }

    /** Text that is never valid anywhere, or valid only by accident: control characters, injections, odd numbers. */
    static final List<String> FIXED = List.of(
            "", " ", "\t", "\r\n", "null", "NULL", "undefined", "true", "[]", "{}", "{\"a\":1}",
            "\u0000", "a\u0000b", "\u0001\u0002\u0003", "\u001b[31m", "\u007f", "\u0085", "\u2028\u2029", "\uFEFF",
            "\u202Eabc", "e\u0301\u0301\u0301", "\uD800", "\uDFFF", "%00", "\\u0000", "\\", "\"", "'", "`",
            "' OR '1'='1", "'; DROP TABLE merchant;--", "1; SELECT pg_sleep(5)--", "\" OR \"\"=\"", "$$", "%s%n%x",
            "<script>alert(1)</script>", "</textarea><img src=x onerror=alert(1)>", "${jndi:ldap://127.0.0.1/a}",
            "{{7*7}}", "../../../../etc/passwd", "C:\\Windows\\win.ini",
            "0", "-0", "-1", "0.00", "-0.01", "0.001", "1e3", "1E+2", "NaN", "Infinity", "-Infinity", "0x10",
            "99999999999999999999", "9223372036854775808", "-9223372036854775809", "100000000.01",
            "99999999999.99", "1,000.00", " 1.00", "1.00 ", "\uFF11.00", "\u0661.00", "1.0000000000000000001",
            "00000000000000", "99999999999999", "20261305000000", "20260230120000", "20261231235960",
            "2026-01-01 00:00:00", "2026-01-01T00:00:00Z", "-20260101000000", "2026010112000", "202601011200000",
            "http://127.0.0.1:99999/n", "http://merchant.example.com:65536/n", "http://merchant.example.com:0/n",
            "http://merchant.example.com:-1/n", "http://0177.0.0.1/n", "http://0177.0.0.01/n", "http://0x7f.1/n",
            "http://2130706433/n", "http://[2002:7f00:1::1]/n", "http://[::ffff:127.0.0.1]/n", "http://[::1]/n",
            "http://169.254.169.254/latest/meta-data", "http://localhost/n", "http://10.0.0.1/n", "ftp://a.example/",
            "javascript:alert(1)", "file:///etc/passwd", "http://", "http:///n", "http://a b.example/",
            "http://user:pass@merchant.example.com/n", "http://merchant.example.com/n?x=\u0000",
            "http://\u0000merchant.example.com/", "http://exa\uD83D\uDE00mple.com/", "http://[zz]/", "//example.com/");

    /** Any hostile text: a fixed one, one around a length limit, repeated astral or control characters, or random. */
    static Arbitrary<String> text() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of(FIXED)),
                net.jqwik.api.Tuple.of(3, nearLimits()),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().all().ofMaxLength(40)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1)
                        .ofMaxLength(8)));
    }

    /**
     * Text of a length next to the limits fields have (6, 14, 18, 24, 32, 40, 100, 128, 255) and far beyond,
     * in ASCII, CJK or emoji (one code point, two UTF-16 units, four UTF-8 bytes).
     */
    static Arbitrary<String> nearLimits() {
        Arbitrary<Integer> length = Arbitraries.of(1, 5, 6, 7, 13, 14, 15, 16, 17, 18, 19, 20, 24, 25, 30, 31, 32, 33, 40, 41,
                64, 65, 100, 101, 127, 128, 129, 200, 254, 255, 256, 1000, 70_000);
        Arbitrary<String> unit = Arbitraries.of("a", "9", "中", EMOJI, "\u0000", "'");
        return Combinators.combine(unit, length).as((u, n) -> u.repeat(n));
    }
}
