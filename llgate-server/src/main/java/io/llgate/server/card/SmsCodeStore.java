package io.llgate.server.card;

import io.llgate.server.store.Columns;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Every statement on {@code card_sms_code}: the only code that knows the table. */
final class SmsCodeStore {
    private static final String OPEN = "OPEN";
    private static final String USED = "USED";

    /** A code's row, as a check reads it. */
    record Row(String token, long merchantId, String purpose, String subject, String mobileSealed, String codeHash,
            String oidPartner, String merchantName, String transaction, int tries, boolean used, Instant expiresAt) {
    }

    void insert(Handle h, String token, SmsCodes.CodeRequest r, String mobileSealed, String codeHash, Instant now,
            Instant expires) {
        h.createUpdate("""
                INSERT INTO card_sms_code (token, merchant_id, purpose, subject, mobile_sealed, code_hash, oid_partner,
                    merchant_name, transaction_no, tries, status, sent_at, expires_at)
                VALUES (:token, :merchant, :purpose, :subject, :mobile, :hash, :oidPartner, :merchantName, :transaction,
                    0, :status, :now, :expires)""")
                .bind("token", token)
                .bind("merchant", r.merchantId())
                .bind("purpose", r.purpose())
                .bind("subject", r.subject())
                .bind("mobile", mobileSealed)
                .bind("hash", codeHash)
                .bind("oidPartner", r.oidPartner())
                .bind("merchantName", r.merchantName())
                .bind("transaction", r.transaction())
                .bind("status", OPEN)
                .bind("now", now)
                .bind("expires", expires)
                .execute();
    }

    /** The token's row, locked until the transaction ends. */
    Optional<Row> lock(Handle h, String token) {
        return h.createQuery("SELECT * FROM card_sms_code WHERE token = :token FOR UPDATE")
                .bind("token", token)
                .map((rs, ctx) -> new Row(rs.getString("token"), rs.getLong("merchant_id"), rs.getString("purpose"),
                        rs.getString("subject"), rs.getString("mobile_sealed"), rs.getString("code_hash"),
                        rs.getString("oid_partner"), rs.getString("merchant_name"), rs.getString("transaction_no"),
                        rs.getInt("tries"), USED.equals(rs.getString("status")), Columns.instant(rs, "expires_at")))
                .findOne();
    }

    /** Counts a wrong code; answers the tries so far. */
    int countTry(Handle h, String token) {
        h.createUpdate("UPDATE card_sms_code SET tries = tries + 1 WHERE token = :token")
                .bind("token", token)
                .execute();
        return h.createQuery("SELECT tries FROM card_sms_code WHERE token = :token")
                .bind("token", token)
                .mapTo(Integer.class)
                .one();
    }

    void replaceCode(Handle h, String token, String codeHash, Instant now, Instant expires) {
        h.createUpdate("""
                UPDATE card_sms_code SET code_hash = :hash, tries = 0, sent_at = :now, expires_at = :expires
                WHERE token = :token AND status = :open""")
                .bind("hash", codeHash)
                .bind("now", now)
                .bind("expires", expires)
                .bind("token", token)
                .bind("open", OPEN)
                .execute();
    }

    void markUsed(Handle h, String token, Instant now) {
        h.createUpdate("UPDATE card_sms_code SET status = :used, used_at = :now WHERE token = :token AND status = :open")
                .bind("used", USED)
                .bind("now", now)
                .bind("token", token)
                .bind("open", OPEN)
                .execute();
    }
}
