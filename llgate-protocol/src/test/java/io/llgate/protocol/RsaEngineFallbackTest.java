package io.llgate.protocol;

import static io.llgate.protocol.Fixtures.vector;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A process whose native library cannot load signs with the JDK's provider, the same bytes, and says so. */
class RsaEngineFallbackTest {

    @Test
    void aNativeLibraryThatCannotLoadLeavesTheJdkProviderSigning() throws Exception {
        // The provider unpacks its library into this directory before loading it; one that cannot exist stops the load.
        List<String> output = run(Map.of(), "-Dcom.amazon.corretto.crypto.provider.tmpdir=/proc/llgate-no-such-dir");

        assertThat(output.get(0)).startsWith("JDK (AmazonCorrettoCryptoProvider");
        assertThat(output.subList(1, 3)).containsExactly(
                vector("sign-md5.b64").strip(), vector("sign-sha256.b64").strip());
    }

    @Test
    void theEnvironmentVariableForcesTheJdkProvider() throws Exception {
        List<String> output = run(Map.of(RsaEngine.ENVIRONMENT, "jdk"));

        assertThat(output.get(0)).isEqualTo("JDK (forced by llgate.crypto=jdk)");
        assertThat(output.subList(1, 3)).containsExactly(
                vector("sign-md5.b64").strip(), vector("sign-sha256.b64").strip());
    }

    /** Runs {@link SignVectors} in a new JVM on this test's class path; its lines of output. */
    private static List<String> run(Map<String, String> environment, String... jvmOptions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SignVectors.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove(RsaEngine.ENVIRONMENT);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().toList();
    }

    /** Prints the engine this process chose and its signatures of the openssl-made vector. */
    public static final class SignVectors {
        public static void main(String[] args) {
            PrivateKey key = RsaEngine.current().prepare(RsaKeys.parsePrivate(vector("merchant-private.pem")));
            String source = vector("sign-source.txt");
            System.out.println(RsaEngine.current().description());
            System.out.println(Signatures.sign(key, SignType.RSA, source));
            System.out.println(Signatures.sign(key, SignType.SHA256WITHRSA, source));
        }
    }
}
