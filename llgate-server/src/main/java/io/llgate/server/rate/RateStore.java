package io.llgate.server.rate;

import io.llgate.server.kernel.ExchangeRate;
import io.llgate.server.store.Columns;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Every statement on {@code exchange_rate}: the only code that knows the table. */
final class RateStore {

    /** Stores a rate as given; answers its id. */
    long insert(Handle h, Currency currency, BigDecimal cnyPerUnit, Instant validFrom, Instant validUntil,
                Instant createdAt, String createdBy) {
        return h.createUpdate("""
                INSERT INTO exchange_rate (currency, cny_per_unit, valid_from, valid_until, created_at, created_by)
                VALUES (:currency, :rate, :from, :until, :createdAt, :createdBy)""")
                .bind("currency", currency.getCurrencyCode())
                .bind("rate", cnyPerUnit)
                .bind("from", validFrom)
                .bind("until", validUntil)
                .bind("createdAt", createdAt)
                .bind("createdBy", createdBy)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    /**
     * Locks every rate of the currency until the transaction ends, so that of two rates set at once for one currency
     * the second ends the first's window after seeing it; in id order, so two such transactions never deadlock.
     */
    void lockCurrency(Handle h, Currency currency) {
        h.createQuery("SELECT id FROM exchange_rate WHERE currency = :currency ORDER BY id FOR UPDATE")
                .bind("currency", currency.getCurrencyCode())
                .mapTo(Long.class)
                .list();
    }

    /** Ends at {@code at} every rate of the currency in force at {@code at} or later that began by then. */
    int endAt(Handle h, Currency currency, Instant at) {
        return h.createUpdate("""
                UPDATE exchange_rate SET valid_until = :at
                WHERE currency = :currency AND valid_from <= :at AND (valid_until IS NULL OR valid_until > :at)""")
                .bind("currency", currency.getCurrencyCode())
                .bind("at", at)
                .execute();
    }

    /** The rate of the currency whose window holds {@code at}; of several, the latest to begin. */
    Optional<StoredRate> at(Handle h, Currency currency, Instant at) {
        return h.createQuery("""
                SELECT * FROM exchange_rate
                WHERE currency = :currency AND valid_from <= :at AND (valid_until IS NULL OR valid_until > :at)
                ORDER BY valid_from DESC, id DESC LIMIT 1""")
                .bind("currency", currency.getCurrencyCode())
                .bind("at", at)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    /** Every rate whose window holds {@code at}, the one in force of each currency first. */
    List<StoredRate> allAt(Handle h, Instant at) {
        return h.createQuery("""
                SELECT * FROM exchange_rate
                WHERE valid_from <= :at AND (valid_until IS NULL OR valid_until > :at)
                ORDER BY currency, valid_from DESC, id DESC""")
                .bind("at", at)
                .map((rs, ctx) -> map(rs))
                .list();
    }

    Optional<StoredRate> byId(Handle h, long id) {
        return h.createQuery("SELECT * FROM exchange_rate WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    /** A currency's rates (every currency's when null), the latest to begin first, at most {@code limit}. */
    List<StoredRate> history(Handle h, Currency currency, int limit) {
        String where = currency == null ? "" : "WHERE currency = :currency ";
        var query = h.createQuery("SELECT * FROM exchange_rate " + where
                        + "ORDER BY currency, valid_from DESC, id DESC LIMIT :limit")
                .bind("limit", limit);
        if (currency != null) {
            query.bind("currency", currency.getCurrencyCode());
        }
        return query.map((rs, ctx) -> map(rs)).list();
    }

    /** Whether the currency has any rate, in force or not. */
    boolean hasAny(Handle h, Currency currency) {
        return h.createQuery("SELECT COUNT(*) FROM exchange_rate WHERE currency = :currency")
                .bind("currency", currency.getCurrencyCode())
                .mapTo(Long.class)
                .one() > 0;
    }

    private static StoredRate map(ResultSet rs) throws SQLException {
        ExchangeRate rate = new ExchangeRate(rs.getLong("id"), Currency.getInstance(rs.getString("currency")),
                rs.getBigDecimal("cny_per_unit"), Columns.instant(rs, "valid_from"), Columns.instant(rs, "valid_until"));
        return new StoredRate(rate, Columns.instant(rs, "created_at"), rs.getString("created_by"));
    }
}
