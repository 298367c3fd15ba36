package io.llgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SignTypeTest {

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "rsa", " RSA", "Rsa "})
    void readsRsaInAnyCase(String text) {
        assertThat(SignType.parse(text)).contains(SignType.RSA);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA256withRSA", "SHA256WITHRSA", "sha256withrsa", " SHA256WithRSA "})
    void readsSha256InAnyCase(String text) {
        assertThat(SignType.parse(text)).contains(SignType.SHA256WITHRSA);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MD5", "MD5withRSA", "RSA2", "SHA256", "SHA256 with RSA"})
    void refusesOtherValues(String text) {
        assertThat(SignType.parse(text)).isEmpty();
    }

    @Test
    void refusesNull() {
        assertThat(SignType.parse(null)).isEmpty();
    }

    @Test
    void writesTheDocumentedWireNamesAndMapsToJdkAlgorithms() {
        assertThat(SignType.RSA.wireName()).isEqualTo("RSA");
        assertThat(SignType.SHA256WITHRSA.wireName()).isEqualTo("SHA256WITHRSA");
        assertThat(SignType.RSA.jcaAlgorithm()).isEqualTo("MD5withRSA");
        assertThat(SignType.SHA256WITHRSA.jcaAlgorithm()).isEqualTo("SHA256withRSA");
    }
}
