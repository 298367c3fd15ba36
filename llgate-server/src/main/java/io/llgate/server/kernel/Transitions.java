package io.llgate.server.kernel;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The moves a product's state type allows, declared once: what its store checks before it writes a new state, so an
 * illegal transition cannot be written. A state with no move out is final.
 *
 * @param <S> the product's state type
 */
public final class Transitions<S extends Enum<S>> {
    private final String what;
    private final Map<S, Set<S>> moves;

    private Transitions(String what, Map<S, Set<S>> moves) {
        this.what = what;
        this.moves = moves;
    }

    /** Starts the declaration for {@code what}, as a refusal names it ("a payout"). */
    public static <S extends Enum<S>> Builder<S> of(Class<S> type, String what) {
        return new Builder<>(type, what);
    }

    /** The states one in {@code from} may move to; none for a final state. */
    public Set<S> from(S from) {
        return moves.get(from);
    }

    public boolean allows(S from, S to) {
        return moves.get(from).contains(to);
    }

    /** Throws IllegalStateException unless {@code from} may move to {@code to}. */
    public void require(S from, S to) {
        if (!allows(from, to)) {
            throw new IllegalStateException(what + " cannot move from " + from + " to " + to);
        }
    }

    public boolean isFinal(S state) {
        return moves.get(state).isEmpty();
    }

    /** Collects the allowed moves of a state type. */
    public static final class Builder<S extends Enum<S>> {
        private final Class<S> type;
        private final String what;
        private final Map<S, Set<S>> moves;

        private Builder(Class<S> type, String what) {
            this.type = type;
            this.what = what;
            this.moves = new EnumMap<>(type);
        }

        /** {@code from} may move to each of {@code to}. */
        @SafeVarargs
        public final Builder<S> allow(S from, S... to) {
            Set<S> targets = moves.computeIfAbsent(from, s -> EnumSet.noneOf(type));
            for (S next : to) {
                if (next == from) {
                    throw new IllegalArgumentException(what + " cannot move from " + from + " to itself");
                }
                targets.add(next);
            }
            return this;
        }

        public Transitions<S> build() {
            Map<S, Set<S>> all = new EnumMap<>(type);
            for (S state : type.getEnumConstants()) {
                all.put(state, Collections.unmodifiableSet(moves.getOrDefault(state, EnumSet.noneOf(type))));
            }
            return new Transitions<>(what, Collections.unmodifiableMap(all));
        }
    }
}
