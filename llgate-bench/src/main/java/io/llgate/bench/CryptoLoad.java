package io.llgate.bench;

import io.llgate.protocol.RsaEngine;
import io.llgate.protocol.RsaKeys;
import io.llgate.protocol.SignType;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * The RSA private-key operations a gateway does per request, single-threaded and warm, with the JDK's provider
 * and the native one, each beside {@code openssl speed rsa2048} measured just before and just after it.
 * Usage: {@code ./bench crypto [seconds per figure, default 5]}; the warm-up of each figure is as long as its run.
 */
public final class CryptoLoad {
    // A payout request's sign source is a few hundred bytes; the digest is not where the time goes.
    private static final byte[] SIGN_SOURCE = ("acct_name=李明&api_version=1.0&card_no=6217000010001234567"
            + "&dt_order=20240612093015&flag_card=1&info_order=供应商结算6月&memo=货款结算&money_order=1250.00"
            + "&no_order=PO20240612000017&notify_url=https://merchant.example.com/llp/payout-notify"
            + "&oid_partner=201912300000123456&platform=&risk_item={\"frms_ware_category\":\"2009\"}&sign_type=RSA")
            .getBytes(StandardCharsets.UTF_8);

    private interface Operation {
        byte[] run() throws GeneralSecurityException;
    }

    private record Measured(String what, String provider, Operation operation) {
    }

    /** One operation's rate beside OpenSSL's sign rate measured just before and just after it. */
    record Figure(String what, String provider, double perSecond, double openssl) {
        double ratio() {
            return perSecond / openssl;
        }
    }

    /** Every figure of a run, and OpenSSL's mean over all its runs. */
    record Result(List<Figure> figures, double opensslMean, int opensslRuns) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.out.println("machine: " + Machine.description());
        System.out.println("load average at start: " + Machine.loadAverage());
        System.out.println("native engine: " + RsaEngine.nativeProvider().description());
        Result result = measure(seconds);

        System.out.println();
        System.out.printf(Locale.ROOT, "openssl speed -seconds %d rsa2048 (%s), run %d times: %.1f sign/s on average%n",
                seconds, OpenSslSpeed.version(), result.opensslRuns(), result.opensslMean());
        System.out.printf(Locale.ROOT, "%-22s %-30s %10s %16s %10s%n",
                "2048-bit operation", "provider", "ops/s", "OpenSSL sign/s", "ratio");
        for (Figure figure : result.figures()) {
            System.out.printf(Locale.ROOT, "%-22s %-30s %10.1f %16.1f %10.2f%n", figure.what(), figure.provider(),
                    figure.perSecond(), figure.openssl(), figure.ratio());
        }
        System.out.println("(single-threaded, each after a " + seconds + " s warm-up of the same operation; OpenSSL's"
                + " figure is the mean of its runs just before and just after; a pay_load open is two OAEP decrypts)");
        System.out.println("load average at end: " + Machine.loadAverage());
    }

    /** Measures every operation with the JDK's provider and the native one (where it loads), each for the given seconds. */
    static Result measure(int seconds) throws Exception {
        KeyPair key = RsaKeys.generate(2048);
        byte[] secret = "K7Q2M9XA4B8C1D6E3F5G7H9J2K4L6M8N".getBytes(StandardCharsets.US_ASCII);
        Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        oaep.init(Cipher.ENCRYPT_MODE, key.getPublic(),
                new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT));
        byte[] wrappedKey = oaep.doFinal(secret);

        List<Measured> operations = new ArrayList<>();
        RsaEngine jdk = RsaEngine.jdk();
        RsaEngine fast = RsaEngine.nativeProvider();
        for (RsaEngine engine : fast.isNative() ? List.of(jdk, fast) : List.of(jdk)) {
            // As the gateway and the SDK hold their keys: prepared once when loaded.
            PrivateKey privateKey = engine.prepare(key.getPrivate());
            for (SignType type : SignType.values()) {
                byte[] expected = jdk.sign(key.getPrivate(), type, SIGN_SOURCE);
                operations.add(new Measured(type.jcaAlgorithm() + " sign", engine.providerName(), () -> {
                    byte[] signature = engine.sign(privateKey, type, SIGN_SOURCE);
                    if (!Arrays.equals(signature, expected)) {
                        throw new IllegalStateException(engine + " signs differently from the JDK");
                    }
                    return signature;
                }));
            }
            operations.add(new Measured("OAEP-SHA1 decrypt", engine.providerName(), () -> {
                byte[] opened = engine.decryptOaepSha1(privateKey, wrappedKey);
                if (!Arrays.equals(opened, secret)) {
                    throw new IllegalStateException(engine + " decrypts wrongly");
                }
                return opened;
            }));
        }

        // OpenSSL runs before the first figure and after each one, so that every figure is compared with the
        // machine as it was in the same minute: on a shared machine the rate moves by a fifth within minutes.
        double previous = OpenSslSpeed.signsPerSecond(seconds);
        List<Figure> figures = new ArrayList<>();
        double opensslSum = previous;
        for (Measured operation : operations) {
            double perSecond = rate(seconds, operation.operation());
            double next = OpenSslSpeed.signsPerSecond(seconds);
            figures.add(new Figure(operation.what(), operation.provider(), perSecond, (previous + next) / 2));
            opensslSum += next;
            previous = next;
        }
        return new Result(List.copyOf(figures), opensslSum / (figures.size() + 1), figures.size() + 1);
    }

    private static double rate(int seconds, Operation operation) throws GeneralSecurityException {
        run(seconds, operation);
        return run(seconds, operation);
    }

    private static double run(int seconds, Operation operation) throws GeneralSecurityException {
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long count = 0;
        long now;
        do {
            operation.run();
            count++;
            now = System.nanoTime();
        } while (now < end);
        return count / ((now - start) / 1e9);
    }
}
