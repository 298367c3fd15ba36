package io.llgate.bench;

import io.llgate.protocol.RsaEngine;
import io.llgate.protocol.RsaKeys;
import io.llgate.protocol.SignType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern OPENSSL_RSA = Pattern.compile("(?m)^rsa\\s+2048 bits\\s+(.+)$");

    private interface Operation {
        byte[] run() throws GeneralSecurityException;
    }

    private record Measured(String what, String provider, Operation operation) {
    }

    private record Figure(String what, String provider, double perSecond, double openssl) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel()
                + ", " + System.getProperty("java.vm.name") + " " + Runtime.version());
        System.out.println("load average at start: " + loadAverage());

        KeyPair key = RsaKeys.generate(2048);
        byte[] secret = "K7Q2M9XA4B8C1D6E3F5G7H9J2K4L6M8N".getBytes(StandardCharsets.US_ASCII);
        Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        oaep.init(Cipher.ENCRYPT_MODE, key.getPublic(),
                new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT));
        byte[] wrappedKey = oaep.doFinal(secret);

        List<Measured> operations = new ArrayList<>();
        RsaEngine jdk = RsaEngine.jdk();
        RsaEngine fast = RsaEngine.nativeProvider();
        System.out.println("native engine: " + fast.description());
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
        double previous = opensslSignsPerSecond(seconds);
        List<Figure> figures = new ArrayList<>();
        double opensslSum = previous;
        for (Measured operation : operations) {
            double perSecond = rate(seconds, operation.operation());
            double next = opensslSignsPerSecond(seconds);
            figures.add(new Figure(operation.what(), operation.provider(), perSecond, (previous + next) / 2));
            opensslSum += next;
            previous = next;
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "openssl speed -seconds %d rsa2048 (%s), run %d times: %.1f sign/s on average%n",
                seconds, opensslVersion(), figures.size() + 1, opensslSum / (figures.size() + 1));
        System.out.printf(Locale.ROOT, "%-22s %-30s %10s %16s %10s%n",
                "2048-bit operation", "provider", "ops/s", "OpenSSL sign/s", "ratio");
        for (Figure figure : figures) {
            System.out.printf(Locale.ROOT, "%-22s %-30s %10.1f %16.1f %10.2f%n", figure.what(), figure.provider(),
                    figure.perSecond(), figure.openssl(), figure.perSecond() / figure.openssl());
        }
        System.out.println("(single-threaded, each after a " + seconds + " s warm-up of the same operation; OpenSSL's"
                + " figure is the mean of its runs just before and just after; a pay_load open is two OAEP decrypts)");
        System.out.println("load average at end: " + loadAverage());
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

    private static double opensslSignsPerSecond(int seconds) throws IOException, InterruptedException {
        String output = command("openssl", "speed", "-seconds", Integer.toString(seconds), "rsa2048");
        Matcher line = OPENSSL_RSA.matcher(output);
        if (!line.find()) {
            throw new IllegalStateException("no rsa 2048 line in openssl speed's output:\n" + output);
        }
        // OpenSSL 3.0 and 3.1 print: sign verify sign/s verify/s; 3.2 and later add encrypt and decrypt before the rates.
        String[] columns = line.group(1).trim().split("\\s+");
        return Double.parseDouble(columns[columns.length == 4 ? 2 : 4]);
    }

    private static String opensslVersion() throws IOException, InterruptedException {
        String version = command("openssl", "version").strip();
        int library = version.indexOf(" (Library");
        return library < 0 ? version : version.substring(0, library);
    }

    private static String command(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    private static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip())
                .findFirst().orElse("unknown CPU");
    }

    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }
}
