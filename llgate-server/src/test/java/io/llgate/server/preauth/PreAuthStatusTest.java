package io.llgate.server.preauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class PreAuthStatusTest {

    @Test
    void anAuthorizationIsCapturedCancelledOrExpiresAndEachOfThoseIsFinal() {
        assertThat(PreAuthStatus.AUTHORIZED.next())
                .containsExactlyInAnyOrder(PreAuthStatus.CAPTURED, PreAuthStatus.CANCELLED, PreAuthStatus.EXPIRED);
        for (PreAuthStatus end : EnumSet.of(PreAuthStatus.CAPTURED, PreAuthStatus.CANCELLED, PreAuthStatus.EXPIRED)) {
            assertThat(end.isFinal()).as("%s", end).isTrue();
            for (PreAuthStatus other : PreAuthStatus.values()) {
                assertThat(end.canMoveTo(other)).as("%s to %s", end, other).isFalse();
            }
        }
        assertThat(PreAuthStatus.AUTHORIZED.isFinal()).isFalse();
    }

    @Test
    void aForbiddenMoveIsRefused() {
        assertThatThrownBy(() -> PreAuthStatus.CAPTURED.requireMoveTo(PreAuthStatus.CANCELLED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a pre-authorization cannot move from CAPTURED to CANCELLED");
        PreAuthStatus.AUTHORIZED.requireMoveTo(PreAuthStatus.CAPTURED);
    }

    @Test
    void theStatusQueryAnswersTheStateCodesOfTheSpec() {
        assertThat(PreAuthStatus.AUTHORIZED.code()).isEqualTo("PR07");
        assertThat(PreAuthStatus.CAPTURED.code()).isEqualTo("PR11");
        assertThat(PreAuthStatus.CANCELLED.code()).isEqualTo("PR14");
        assertThat(PreAuthStatus.EXPIRED.code()).isEqualTo("2006");
        assertThat(PreAuthStatus.EXPIRED.message()).isEqualTo("交易已过期");
    }
}
