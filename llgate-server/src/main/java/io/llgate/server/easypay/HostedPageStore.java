package io.llgate.server.easypay;

import io.llgate.server.store.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * Every statement on {@code easypay_hosted_page} and {@code easypay_h5_return_post}: the only code that knows the
 * tables. Steps change only through {@link #move}, which refuses a move {@link HostedStep} does not allow and writes
 * only over the step it moves from. The request is stored sealed; the service seals and opens it.
 */
final class HostedPageStore {

    /** Inserts a payment's pages at their first step; answers the id. */
    long insert(Handle h, long merchantId, HostedPaymentRequest request, String sealedRequest, HostedStep step,
                String bankCode, boolean credit, String pageToken, Instant now) {
        return h.createUpdate("""
                INSERT INTO easypay_hosted_page (merchant_id, no_order, page_token, style, request, step, bank_code,
                    credit, expires_at, created_at, updated_at)
                VALUES (:merchant, :noOrder, :token, :style, :request, :step, :bank, :credit, :expires, :now, :now)""")
                .bind("merchant", merchantId)
                .bind("noOrder", request.noOrder())
                .bind("token", pageToken)
                .bind("style", request.style().name())
                .bind("request", sealedRequest)
                .bind("step", step.name())
                .bind("bank", bankCode)
                .bind("credit", credit)
                .bind("expires", now.plus(Duration.ofMinutes(request.validOrderMinutes())))
                .bind("now", now)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    Optional<HostedPage> byToken(Handle h, String pageToken, Function<String, HostedPaymentRequest> open) {
        return h.createQuery("SELECT * FROM easypay_hosted_page WHERE page_token = :token")
                .bind("token", pageToken)
                .map((rs, ctx) -> map(rs, open))
                .findOne();
    }

    /** The page row locked for a change of step, so two submissions of one page take turns. */
    Optional<HostedPage> lockByToken(Handle h, String pageToken, Function<String, HostedPaymentRequest> open) {
        return h.createQuery("SELECT * FROM easypay_hosted_page WHERE page_token = :token FOR UPDATE")
                .bind("token", pageToken)
                .map((rs, ctx) -> map(rs, open))
                .findOne();
    }

    Optional<HostedPage> byReturnToken(Handle h, String returnToken, Function<String, HostedPaymentRequest> open) {
        return h.createQuery("SELECT * FROM easypay_hosted_page WHERE return_token = :token")
                .bind("token", returnToken)
                .map((rs, ctx) -> map(rs, open))
                .findOne();
    }

    /** The bank and kind of card chosen: the payer goes on to the card details. */
    boolean chooseBank(Handle h, HostedPage page, String bankCode, boolean credit, Instant now) {
        return move(h, page, HostedStep.CARD, "bank_code = :bank, credit = :credit")
                .bind("bank", bankCode)
                .bind("credit", credit)
                .bind("now", now)
                .execute() == 1;
    }

    /** Back to the bank choice. */
    boolean backToBank(Handle h, HostedPage page, Instant now) {
        return move(h, page, HostedStep.BANK, "bank_code = NULL").bind("now", now).execute() == 1;
    }

    /** The order was applied for and the SMS sent: the payer goes on to the code. */
    boolean applied(Handle h, HostedPage page, String bankCode, String applyToken, String cardMask, String mobileMask,
                    Instant now) {
        return move(h, page, HostedStep.CODE, """
                bank_code = :bank, apply_token = :applyToken, card_mask = :card, mobile_mask = :mobile""")
                .bind("bank", bankCode)
                .bind("applyToken", applyToken)
                .bind("card", cardMask)
                .bind("mobile", mobileMask)
                .bind("now", now)
                .execute() == 1;
    }

    /** The card was charged; {@code returnToken} opens the return to url_return, when there is one. */
    boolean paid(Handle h, HostedPage page, String returnToken, Instant now) {
        return move(h, page, HostedStep.PAID, "return_token = :returnToken")
                .bind("returnToken", returnToken)
                .bind("now", now)
                .execute() == 1;
    }

    boolean failed(Handle h, HostedPage page, String failure, Instant now) {
        return move(h, page, HostedStep.FAILED, "failure = :failure")
                .bind("failure", failure)
                .bind("now", now)
                .execute() == 1;
    }

    /** Marks the return to url_return as taken; true only for the first claim of the token. */
    boolean claimReturn(Handle h, String returnToken, Instant now) {
        return h.createUpdate("""
                UPDATE easypay_hosted_page SET returned_at = :now
                WHERE return_token = :token AND returned_at IS NULL""")
                .bind("now", now)
                .bind("token", returnToken)
                .execute() == 1;
    }

    /** Closes every payment still asking whose {@code valid_order} has passed. */
    int closeExpired(Handle h, Instant now) {
        int closed = 0;
        for (HostedStep asking : new HostedStep[] {HostedStep.BANK, HostedStep.CARD, HostedStep.CODE}) {
            asking.requireMoveTo(HostedStep.CLOSED);
            closed += h.createUpdate("""
                    UPDATE easypay_hosted_page SET step = :to, updated_at = :now
                    WHERE step = :from AND expires_at <= :now""")
                    .bind("to", HostedStep.CLOSED.name())
                    .bind("from", asking.name())
                    .bind("now", now)
                    .execute();
        }
        return closed;
    }

    /** Whether the merchant's H5 return is a posted {@code res_data} (E4) rather than a browser GET. */
    boolean postsH5Return(Handle h, long merchantId) {
        return h.createQuery("SELECT COUNT(*) FROM easypay_h5_return_post WHERE merchant_id = :merchant")
                .bind("merchant", merchantId)
                .mapTo(Integer.class)
                .one() > 0;
    }

    /** Sets how the merchant's H5 return travels: posted ({@code true}) or a browser GET. */
    void setH5ReturnPost(Handle h, long merchantId, boolean post, Instant now) {
        h.createUpdate("DELETE FROM easypay_h5_return_post WHERE merchant_id = :merchant")
                .bind("merchant", merchantId)
                .execute();
        if (post) {
            h.createUpdate("INSERT INTO easypay_h5_return_post (merchant_id, updated_at) VALUES (:merchant, :now)")
                    .bind("merchant", merchantId)
                    .bind("now", now)
                    .execute();
        }
    }

    /** The one way a step is written: {@code SET step = :to ... WHERE id = :id AND step = :from}, once the move is allowed. */
    private static Update move(Handle h, HostedPage page, HostedStep to, String columns) {
        page.step().requireMoveTo(to);
        return h.createUpdate("UPDATE easypay_hosted_page SET step = :to, " + columns + ", updated_at = :now"
                        + " WHERE id = :id AND step = :from")
                .bind("to", to.name())
                .bind("from", page.step().name())
                .bind("id", page.id());
    }

    private static HostedPage map(ResultSet rs, Function<String, HostedPaymentRequest> open) throws SQLException {
        return new HostedPage(rs.getLong("id"), rs.getLong("merchant_id"), rs.getString("page_token"),
                open.apply(rs.getString("request")), HostedStep.valueOf(rs.getString("step")),
                rs.getString("bank_code"), rs.getBoolean("credit"), rs.getString("apply_token"),
                rs.getString("card_mask"), rs.getString("mobile_mask"), rs.getString("failure"),
                rs.getString("return_token"), Columns.instant(rs, "returned_at") != null,
                Columns.instant(rs, "expires_at"), Columns.instant(rs, "created_at"));
    }
}
