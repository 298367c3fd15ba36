package io.llgate.server.store;

import java.sql.SQLException;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Recognises the database's answers to a race: a unique-constraint violation, the way two nodes or requests racing
 * for the same row learn that one lost, and the transient refusals (deadlock, serialization) after which the same
 * transaction may succeed.
 */
public final class Conflicts {
    /** SQLSTATE of a unique violation, the same on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";
    /** Serialization failure, deadlock and a lock not available (PostgreSQL; H2 uses the first two too). */
    private static final Set<String> TRANSIENT = Set.of("40001", "40P01", "55P03");

    private Conflicts() {
    }

    /** True when {@code e} or one of its causes is a unique-constraint violation. */
    public static boolean isUniqueViolation(Throwable e) {
        return hasState(e, Set.of(UNIQUE_VIOLATION));
    }

    /** True when the database refused {@code e}'s transaction for a lock race it may win on a second try. */
    public static boolean isTransient(Throwable e) {
        return hasState(e, TRANSIENT);
    }

    /**
     * Runs {@code attempt}, a transaction that inserts a row a concurrent request may insert first; when a unique
     * constraint stops it, runs {@code afterLosing} instead (in a transaction of its own), which finds the winner's
     * row and answers as a repeat would. Any other failure propagates.
     */
    public static <T> T whenRaceLost(Supplier<T> attempt, Supplier<T> afterLosing) {
        try {
            return attempt.get();
        } catch (RuntimeException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            return afterLosing.get();
        }
    }

    private static boolean hasState(Throwable e, Set<String> states) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && states.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
