package io.llgate.server.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TransitionsTest {
    enum Light { RED, GREEN, AMBER, OFF }

    private static final Transitions<Light> MOVES = Transitions.of(Light.class, "a light")
            .allow(Light.RED, Light.GREEN, Light.OFF)
            .allow(Light.GREEN, Light.AMBER)
            .allow(Light.AMBER, Light.RED)
            .build();

    @Test
    void onlyTheDeclaredMovesAreAllowed() {
        assertThat(MOVES.allows(Light.RED, Light.GREEN)).isTrue();
        assertThat(MOVES.allows(Light.GREEN, Light.RED)).isFalse();
        assertThat(MOVES.from(Light.RED)).containsExactlyInAnyOrder(Light.GREEN, Light.OFF);
    }

    @Test
    void aRefusedMoveNamesWhatAndBothStates() {
        assertThatThrownBy(() -> MOVES.require(Light.GREEN, Light.RED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a light cannot move from GREEN to RED");
    }

    @Test
    void aStateWithNoMoveOutIsFinal() {
        assertThat(MOVES.isFinal(Light.OFF)).isTrue();
        assertThat(MOVES.from(Light.OFF)).isEmpty();
        assertThat(MOVES.isFinal(Light.AMBER)).isFalse();
    }

    @Test
    void aStateCannotBeDeclaredToMoveToItself() {
        assertThatThrownBy(() -> Transitions.of(Light.class, "a light").allow(Light.RED, Light.RED))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
