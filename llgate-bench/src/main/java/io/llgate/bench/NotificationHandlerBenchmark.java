package io.llgate.bench;

import io.llgate.client.notify.InMemoryNotificationStore;
import io.llgate.client.notify.Notification;
import io.llgate.client.notify.NotificationHandler;
import io.llgate.client.notify.NotificationResponse;
import io.llgate.client.notify.NotificationVerifier;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.RsaKeys;
import io.llgate.protocol.SignType;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** What a merchant's notify_url costs with the SDK: verify the gateway's signature, then the dedupe store. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NotificationHandlerBenchmark {
    private static final String OID_PARTNER = "201912300000123456";

    private byte[] body;
    private NotificationVerifier verifier;
    private NotificationHandler seenBefore;
    private final AtomicLong effects = new AtomicLong();

    @Setup
    public void setUp() {
        KeyPair gateway = RsaKeys.generate(2048);
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("oid_partner", OID_PARTNER);
        f.put("no_order", "PO20240612000017");
        f.put("dt_order", "20240612093015");
        f.put("oid_paybill", "2024061200012345");
        f.put("money_order", "1250.00");
        f.put("result_pay", "SUCCESS");
        f.put("settle_date", "20240612");
        f.put("info_order", "供应商结算6月");
        body = FlatJson.write(MessageSignature.sign(gateway.getPrivate(), SignType.RSA, f))
                .getBytes(StandardCharsets.UTF_8);
        verifier = new NotificationVerifier(gateway.getPublic(), OID_PARTNER);
        seenBefore = handler(new InMemoryNotificationStore());
        seenBefore.handle(body);
    }

    /** Reference: parse and verify the MD5withRSA signature, nothing else. */
    @Benchmark
    public Notification verifyOnly() {
        return verifier.verify(body);
    }

    /** The first copy: verify, claim the key, run the callback, record it (a new store, so it is new). */
    @Benchmark
    public NotificationResponse handleFirstCopy() {
        return handler(new InMemoryNotificationStore()).handle(body);
    }

    /** A copy of a notification already processed: verify, find it done, acknowledge. */
    @Benchmark
    public NotificationResponse handleDuplicate() {
        return seenBefore.handle(body);
    }

    private NotificationHandler handler(InMemoryNotificationStore store) {
        return NotificationHandler.builder(verifier, n -> effects.incrementAndGet()).store(store).build();
    }
}
