package io.llgate.server.console;

import io.llgate.server.store.Columns;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Every change made through the console: who, when, what and on what. Rows are only ever added. */
public final class AuditLog {
    private final Jdbi jdbi;
    private final Clock clock;

    public AuditLog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** One change: when, by whom (the name given at login, the session's label, the source address), what, on what. */
    public record Entry(long id, Instant at, String actor, String session, String source, String action, String target,
                        String detail) {
    }

    /** A change a console action made, as the action describes it. */
    public record Change(String action, String target, String detail) {
    }

    public void record(ConsoleSession who, Change change) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO console_audit (at, actor, session, source, action, target, detail)
                VALUES (:at, :actor, :session, :source, :action, :target, :detail)""")
                .bind("at", clock.instant()).bind("actor", who.actor()).bind("session", who.label())
                .bind("source", who.source()).bind("action", cut(change.action(), 64))
                .bind("target", cut(change.target(), 128)).bind("detail", cut(change.detail(), 1024)).execute());
    }

    /** The newest {@code limit} changes, newest first. */
    public List<Entry> latest(int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM console_audit ORDER BY id DESC LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> new Entry(rs.getLong("id"), Columns.instant(rs, "at"), rs.getString("actor"),
                        rs.getString("session"), rs.getString("source"), rs.getString("action"),
                        rs.getString("target"), rs.getString("detail")))
                .list());
    }

    private static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}
