package io.llgate.server.cardbind;

import io.llgate.server.bank.IssuedCard;
import io.llgate.server.card.HolderColumns;
import io.llgate.server.card.SealedHolder;
import io.llgate.server.store.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Every statement on {@code card_bind_apply}: the only code that knows the table. */
final class CardBindStore {

    /** Inserts a waiting apply, its token not yet known; answers its id. */
    long insert(Handle h, long merchantId, String userId, String platform, BindPayType payType, String noOrder,
                SealedHolder s, IssuedCard card, Instant now, Instant expiresAt) {
        return HolderColumns.bind(h.createUpdate("""
                INSERT INTO card_bind_apply (merchant_id, user_id, platform, pay_type, no_order, <holder>, bank_code,
                    bank_name, card_type, created_at, expires_at)
                VALUES (:merchant, :userId, :platform, :payType, :noOrder, <holderValues>, :bankCode, :bankName,
                    :cardType, :now, :expires)""".replace("<holder>", HolderColumns.NAMES)
                .replace("<holderValues>", HolderColumns.VALUES)), s)
                .bind("merchant", merchantId)
                .bind("userId", userId)
                .bind("platform", platform)
                .bind("payType", payType.code())
                .bind("noOrder", noOrder)
                .bind("bankCode", card.bankCode())
                .bind("bankName", card.bankName())
                .bind("cardType", card.cardType())
                .bind("now", now)
                .bind("expires", expiresAt)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    /** Records the token the apply's SMS code was sent under. */
    void setToken(Handle h, long id, String token) {
        h.createUpdate("UPDATE card_bind_apply SET token = :token WHERE id = :id")
                .bind("token", token)
                .bind("id", id)
                .execute();
    }

    /**
     * The merchant's waiting apply under {@code token}, locked until the transaction ends, so that of two verifies of
     * one token the second waits and then finds it gone.
     */
    Optional<BindApplication> lock(Handle h, long merchantId, String token) {
        return h.createQuery("SELECT * FROM card_bind_apply WHERE token = :token AND merchant_id = :merchant FOR UPDATE")
                .bind("token", token)
                .bind("merchant", merchantId)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    /** Removes a verified apply: its card now lives in the binding. */
    void delete(Handle h, long id) {
        h.createUpdate("DELETE FROM card_bind_apply WHERE id = :id").bind("id", id).execute();
    }

    /** Removes applies whose code expired before {@code before}; answers how many. */
    int deleteExpired(Handle h, Instant before) {
        return h.createUpdate("DELETE FROM card_bind_apply WHERE expires_at < :before")
                .bind("before", before)
                .execute();
    }

    private static BindApplication map(ResultSet rs) throws SQLException {
        SealedHolder sealed = HolderColumns.read(rs);
        IssuedCard card = new IssuedCard(rs.getString("bank_code"), rs.getString("bank_name"),
                "3".equals(rs.getString("card_type")));
        return new BindApplication(rs.getLong("id"), rs.getLong("merchant_id"), rs.getString("user_id"),
                Optional.ofNullable(rs.getString("platform")), BindPayType.of(rs.getString("pay_type")).orElseThrow(),
                Optional.ofNullable(rs.getString("no_order")), sealed, card, Columns.instant(rs, "expires_at"));
    }
}
