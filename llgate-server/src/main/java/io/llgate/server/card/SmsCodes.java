package io.llgate.server.card;

import io.llgate.protocol.RetCode;
import io.llgate.server.bank.SmsChannel;
import io.llgate.server.bank.VerificationSms;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.security.CardVault;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The SMS verification codes of card payments and bindings: six random digits texted through the SMS channel under a
 * token the merchant verifies them with. Codes are rows (a restart loses none) holding only a keyed hash of the code;
 * a check locks its row, so of two checks of one token only one is accepted.
 *
 * <p>Answers: a token that is unknown, another merchant's, for another purpose or already used → {@code 1000}; a
 * wrong code → {@code 1900}; a code older than {@link #LIFETIME} → {@code 1901}; the {@link #MAX_TRIES}th wrong code,
 * and every try after it until a resend → {@code 9702}; an SMS the channel could not send → {@code 9704}. A resend
 * texts a new code under the same token, voids the old one and starts the lifetime and the tries again.
 */
public final class SmsCodes {
    /** How long a code may be verified after it was sent. */
    public static final Duration LIFETIME = Duration.ofMinutes(30);
    /** Wrong codes allowed before the token needs a new code. */
    public static final int MAX_TRIES = 5;

    private final SmsCodeStore store = new SmsCodeStore();
    private final CardVault vault;
    private final SmsChannel sms;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SmsCodes(CardVault vault, SmsChannel sms, Clock clock) {
        this.vault = vault;
        this.sms = sms;
        this.clock = clock;
    }

    /** Who a code goes to and what it confirms. */
    public record CodeRequest(long merchantId, String oidPartner, String merchantName, String purpose, String subject,
            String mobile, String transaction) {
    }

    /** The outcome of a check: accepted (the subject the code confirms), or the refusal to answer. */
    public record CodeCheck(String subject, RetCode refusal) {
        public boolean accepted() {
            return refusal == null;
        }

        /** Throws the refusal of a code that was not accepted. */
        public String subjectOrThrow() {
            if (refusal != null) {
                throw Refusal.of(refusal);
            }
            return subject;
        }
    }

    /** Sends a new code in {@code h}'s transaction; answers its token. */
    public String send(Handle h, CodeRequest request) {
        return send(h, request, LIFETIME);
    }

    /** Sends a new code that may be verified for {@code lifetime} (exchange payment's codes live 10 minutes, X9). */
    public String send(Handle h, CodeRequest request, Duration lifetime) {
        String token = HexFormat.of().withUpperCase().formatHex(randomBytes());
        String code = newCode();
        Instant now = clock.instant();
        store.insert(h, token, request, vault.seal(request.mobile()), codeHash(token, code), now, now.plus(lifetime));
        text(request, code);
        return token;
    }

    /** Texts a new code under {@code token}, which must be the merchant's and still unused; the old code stops working. */
    public void resend(Handle h, long merchantId, String purpose, String token) {
        SmsCodeStore.Row row = store.lock(h, token)
                .filter(r -> r.merchantId() == merchantId && r.purpose().equals(purpose) && !r.used())
                .orElseThrow(() -> Refusal.of(RetCode.TOKEN_INVALID));
        String code = newCode();
        Instant now = clock.instant();
        store.replaceCode(h, token, codeHash(token, code), now, now.plus(LIFETIME));
        text(new CodeRequest(merchantId, row.oidPartner(), row.merchantName(), purpose, row.subject(),
                vault.open(row.mobileSealed()), row.transaction()), code);
    }

    /**
     * Checks {@code code} against the token's, locking its row until {@code h}'s transaction ends. A refused check
     * still counts its try: the caller commits and then throws {@link CodeCheck#subjectOrThrow()}.
     */
    public CodeCheck check(Handle h, long merchantId, String purpose, String token, String code) {
        Optional<SmsCodeStore.Row> found = store.lock(h, token)
                .filter(r -> r.merchantId() == merchantId && r.purpose().equals(purpose));
        if (found.isEmpty() || found.get().used()) {
            return new CodeCheck(null, RetCode.TOKEN_INVALID);
        }
        SmsCodeStore.Row row = found.get();
        if (row.tries() >= MAX_TRIES) {
            return new CodeCheck(row.subject(), RetCode.SMS_VERIFICATION_CODE_TOO_MANY);
        }
        Instant now = clock.instant();
        if (!now.isBefore(row.expiresAt())) {
            return new CodeCheck(row.subject(), RetCode.SMS_CODE_EXPIRED);
        }
        if (code == null || !codeHash(token, code).equals(row.codeHash())) {
            int tries = store.countTry(h, token);
            return new CodeCheck(row.subject(), tries >= MAX_TRIES
                    ? RetCode.SMS_VERIFICATION_CODE_TOO_MANY : RetCode.SMS_CODE_CHECK_FAILED);
        }
        store.markUsed(h, token, now);
        return new CodeCheck(row.subject(), null);
    }

    private void text(CodeRequest request, String code) {
        try {
            sms.sendCode(new VerificationSms(request.mobile(), code, request.oidPartner(), request.merchantName(),
                    request.transaction()));
        } catch (RuntimeException e) {
            throw Refusal.of(RetCode.SMS_SEND_FAILED);
        }
    }

    private String newCode() {
        return String.format("%06d", random.nextInt(1_000_000));
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }

    private String codeHash(String token, String code) {
        return vault.hash("sms:" + token + ":" + code);
    }
}
