package io.llgate.server.card;

import io.llgate.protocol.WireTime;
import io.llgate.server.bank.IssuedCard;
import io.llgate.server.store.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Every statement on {@code card_agreement}: the only code that knows the table. */
final class AgreementStore {

    /** Inserts an active binding; answers its {@code no_agree}. */
    String insert(Handle h, AgreementOwner owner, String userId, SealedHolder s, IssuedCard card, String payType,
            Instant now) {
        long sequence = h.createQuery("SELECT nextval('card_agreement_seq')").mapTo(Long.class).one();
        String noAgree = WireTime.date(now) + String.format("%08d", sequence % 100_000_000L);
        HolderColumns.bind(h.createUpdate("""
                INSERT INTO card_agreement (no_agree, owner_key, merchant_id, user_id, active_card, <holder>, bank_code,
                    bank_name, card_type, pay_type, created_at)
                VALUES (:noAgree, :owner, :merchant, :userId, :cardHash, <holderValues>, :bankCode, :bankName, :cardType,
                    :payType, :now)""".replace("<holder>", HolderColumns.NAMES).replace("<holderValues>", HolderColumns.VALUES)), s)
                .bind("noAgree", noAgree)
                .bind("owner", owner.key())
                .bind("merchant", owner.merchantId())
                .bind("userId", userId)
                .bind("bankCode", card.bankCode())
                .bind("bankName", card.bankName())
                .bind("cardType", card.cardType())
                .bind("payType", payType)
                .bind("now", now)
                .execute();
        return noAgree;
    }

    /** The owner's active binding {@code no_agree}, of any user. */
    Optional<Agreement> active(Handle h, AgreementOwner owner, String noAgree) {
        return h.createQuery("""
                SELECT * FROM card_agreement
                WHERE no_agree = :noAgree AND owner_key = :owner AND active_card IS NOT NULL""")
                .bind("noAgree", noAgree)
                .bind("owner", owner.key())
                .map((rs, ctx) -> map(rs, owner))
                .findOne();
    }

    /** The user's active binding of the card with hash {@code cardHash}. */
    Optional<Agreement> activeCard(Handle h, AgreementOwner owner, String userId, String cardHash) {
        return h.createQuery("""
                SELECT * FROM card_agreement WHERE owner_key = :owner AND user_id = :userId AND active_card = :cardHash""")
                .bind("owner", owner.key())
                .bind("userId", userId)
                .bind("cardHash", cardHash)
                .map((rs, ctx) -> map(rs, owner))
                .findOne();
    }

    /** The user's active bindings, newest first. */
    List<Agreement> activeOfUser(Handle h, AgreementOwner owner, String userId) {
        return h.createQuery("""
                SELECT * FROM card_agreement WHERE owner_key = :owner AND user_id = :userId AND active_card IS NOT NULL
                ORDER BY id DESC""")
                .bind("owner", owner.key())
                .bind("userId", userId)
                .map((rs, ctx) -> map(rs, owner))
                .list();
    }

    /** Ends the binding; false when it was not active. */
    boolean unbind(Handle h, long id, Instant now) {
        return h.createUpdate("""
                UPDATE card_agreement SET active_card = NULL, unbound_at = :now WHERE id = :id AND active_card IS NOT NULL""")
                .bind("now", now)
                .bind("id", id)
                .execute() == 1;
    }

    private static Agreement map(ResultSet rs, AgreementOwner owner) throws SQLException {
        SealedHolder sealed = HolderColumns.read(rs);
        return new Agreement(rs.getLong("id"), rs.getString("no_agree"), owner, rs.getString("user_id"), sealed,
                rs.getString("bank_code"), rs.getString("bank_name"), rs.getString("card_type"), rs.getString("pay_type"),
                Columns.instant(rs, "created_at"));
    }
}
