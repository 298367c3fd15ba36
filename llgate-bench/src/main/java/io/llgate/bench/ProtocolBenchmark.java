package io.llgate.bench;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.PayLoad;
import io.llgate.protocol.PayLoadException;
import io.llgate.protocol.RsaEngine;
import io.llgate.protocol.RsaKeys;
import io.llgate.protocol.SignSource;
import io.llgate.protocol.SignType;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

/** The per-request cryptography of a payout apply: what the gateway does before any database work. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProtocolBenchmark {
    private KeyPair gateway;
    private KeyPair merchant;
    private PrivateKey gatewayPrivate;
    private LinkedHashMap<String, String> signedInner;
    private String innerJson;
    private String payLoad;
    private byte[] outerBody;

    @Setup
    public void setUp() {
        gateway = RsaKeys.generate(2048);
        merchant = RsaKeys.generate(2048);
        // As the gateway holds it (GatewayKeys): prepared once for the RSA engine.
        gatewayPrivate = RsaEngine.current().prepare(gateway.getPrivate());
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("acct_name", "李明");
        f.put("api_version", "1.0");
        f.put("card_no", "6217000010001234567");
        f.put("dt_order", "20240612093015");
        f.put("flag_card", "1");
        f.put("info_order", "供应商结算6月");
        f.put("memo", "货款结算");
        f.put("money_order", "1250.00");
        f.put("no_order", "PO20240612000017");
        f.put("notify_url", "https://merchant.example.com/llp/payout-notify");
        f.put("oid_partner", "201912300000123456");
        signedInner = MessageSignature.sign(merchant.getPrivate(), SignType.RSA, f);
        innerJson = FlatJson.write(signedInner);
        payLoad = PayLoad.seal(gateway.getPublic(), innerJson);
        outerBody = FlatJson.write(Map.of("oid_partner", "201912300000123456", "pay_load", payLoad))
                .getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public String signSource() {
        return SignSource.of(signedInner);
    }

    @Benchmark
    public Map<String, String> signMd5WithRsa2048() {
        return MessageSignature.sign(gatewayPrivate, SignType.RSA, signedInner);
    }

    @Benchmark
    public boolean verifyMd5WithRsa2048() {
        return MessageSignature.verify(merchant.getPublic(), SignType.RSA, signedInner).valid();
    }

    @Benchmark
    public String openPayLoad() throws PayLoadException {
        return PayLoad.open(gatewayPrivate, payLoad);
    }

    @Benchmark
    public String sealPayLoad() {
        return PayLoad.seal(gateway.getPublic(), innerJson);
    }

    /** Everything the gateway does to a payout request before business rules: parse, open, parse, verify. */
    @Benchmark
    public boolean wholeApplyEnvelope() throws PayLoadException, MalformedMessageException {
        Map<String, String> outer = FlatJson.parse(outerBody);
        Map<String, String> inner = FlatJson.parse(PayLoad.open(gatewayPrivate, outer.get("pay_load")));
        return MessageSignature.verify(merchant.getPublic(), SignType.RSA, inner).valid();
    }
}
