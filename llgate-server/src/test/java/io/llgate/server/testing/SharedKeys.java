package io.llgate.server.testing;

import io.llgate.protocol.RsaKeys;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/** A few merchant key pairs made once per test JVM: generating 2048-bit keys per test would dominate the suite. */
final class SharedKeys {
    private static final List<KeyPair> PAIRS = IntStream.range(0, 4).mapToObj(i -> RsaKeys.generate(2048)).toList();
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final KeyPair GATEWAY = RsaKeys.generate(2048);

    private SharedKeys() {
    }

    /** The key pair every test gateway imports, so none has to generate its own. */
    static KeyPair gateway() {
        return GATEWAY;
    }

    static KeyPair next() {
        return PAIRS.get(Math.floorMod(NEXT.getAndIncrement(), PAIRS.size()));
    }
}
