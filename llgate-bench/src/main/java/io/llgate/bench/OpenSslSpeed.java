package io.llgate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The reference for private-key operations: {@code openssl speed -seconds N rsa2048}, 2048-bit signs per second. */
final class OpenSslSpeed {
    private static final Pattern OPENSSL_RSA = Pattern.compile("(?m)^rsa\\s+2048 bits\\s+(.+)$");

    private OpenSslSpeed() {
    }

    /** Runs {@code openssl speed} for the given seconds (single process, like the figures it is compared with). */
    static double signsPerSecond(int seconds) throws IOException, InterruptedException {
        String output = command("openssl", "speed", "-seconds", Integer.toString(seconds), "rsa2048");
        Matcher line = OPENSSL_RSA.matcher(output);
        if (!line.find()) {
            throw new IllegalStateException("no rsa 2048 line in openssl speed's output:\n" + output);
        }
        // OpenSSL 3.0 and 3.1 print: sign verify sign/s verify/s; 3.2 and later add encrypt and decrypt before the rates.
        String[] columns = line.group(1).trim().split("\\s+");
        return Double.parseDouble(columns[columns.length == 4 ? 2 : 4]);
    }

    static String version() throws IOException, InterruptedException {
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
}
