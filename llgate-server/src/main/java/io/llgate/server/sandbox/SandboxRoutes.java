package io.llgate.server.sandbox;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.llgate.server.http.AdminException;
import io.llgate.server.http.AdminInput;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.http.Json;
import io.llgate.server.onlinebanking.MerchantOrder;
import io.llgate.server.onlinebanking.OnlineBankingOrder;
import io.llgate.server.onlinebanking.OnlineBankingPayments;
import io.llgate.server.refund.Refund;
import io.llgate.server.refund.Refunds;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sandbox controls (never present in production mode): settle held payouts and refunds, complete waiting
 * online banking orders without a browser, read the verification codes texted to a mobile, and move the clock.
 */
public final class SandboxRoutes {
    private final SandboxBank bank;
    private final OnlineBankingPayments onlineBanking;
    private final Refunds refunds;
    private final SandboxSms sms;
    private final SandboxClock clock;
    private final Runnable afterClockMove;

    public SandboxRoutes(SandboxBank bank, OnlineBankingPayments onlineBanking, Refunds refunds, SandboxSms sms,
                         SandboxClock clock, Runnable afterClockMove) {
        this.bank = bank;
        this.onlineBanking = onlineBanking;
        this.refunds = refunds;
        this.sms = sms;
        this.clock = clock;
        this.afterClockMove = afterClockMove;
    }

    public void addTo(RoutesConfig routes) {
        routes.post("/sandbox/payouts/{oid_paybill}/resolve", this::resolve);
        routes.post("/sandbox/online-banking/{reference}/complete", this::complete);
        routes.post("/sandbox/refunds/{reference}/resolve", this::resolveRefund);
        routes.get("/sandbox/clock", ctx -> Json.write(ctx, 200, clockView()));
        routes.post("/sandbox/clock/advance", this::advance);
        routes.get("/sandbox/sms", this::smsInbox);
    }

    /** The latest verification messages sent to {@code mobile}, newest first. */
    private void smsInbox(Context ctx) {
        String mobile = AdminInput.query(ctx, "mobile")
                .orElseThrow(() -> new AdminException(400, "mobile is required: GET /sandbox/sms?mobile=..."));
        List<Map<String, Object>> messages = sms.inbox(mobile).stream().map(m -> {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("text", m.text());
            message.put("code", m.code());
            message.put("oid_partner", m.oidPartner());
            message.put("transaction", m.transaction());
            message.put("sent_at", m.sentAt().toString());
            return message;
        }).toList();
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("mobile", mobile);
        reply.put("messages", messages);
        Json.write(ctx, 200, reply);
    }

    private void resolve(Context ctx) {
        String reference = ctx.pathParam("oid_paybill");
        boolean success = resolvePayout(reference, AdminInput.body(ctx).text("result", 32).orElse(null));
        Json.write(ctx, 202, Map.of("oid_paybill", reference, "result", success ? "SUCCESS" : "FAILURE"));
    }

    /** Settles a payout the sandbox bank holds as {@code SUCCESS} or {@code FAILURE}; 409 when it holds none. */
    boolean resolvePayout(String reference, String result) {
        boolean success = successOrFailure(result);
        if (!bank.resolve(reference, success)) {
            throw new AdminException(409, bank.status(reference).isPresent()
                    ? "payout " + reference + " is not held by the sandbox bank (only cards ending 0002 are)"
                    : "no payout " + reference + " at the sandbox bank");
        }
        return success;
    }

    /**
     * Answers a refund the sandbox bank holds (fen 92) as returned ({@code SUCCESS}) or refused ({@code FAILURE}).
     * The refund is named by its {@code oid_refundno} or {@code no_refund} (with {@code oid_partner} when several
     * merchants use it).
     */
    private void resolveRefund(Context ctx) {
        AdminInput.Body body = AdminInput.body(ctx);
        boolean success = successOrFailure(body.text("result", 32).orElse(null));
        Refund refund = resolveRefund(ctx.pathParam("reference"), body.text("oid_partner", 64), success);
        Json.write(ctx, 202, Map.of("no_refund", refund.noRefund(), "oid_refundno", refund.oidRefundno(),
                "result", success ? "SUCCESS" : "FAILURE"));
    }

    /** Answers a refund the sandbox bank holds; 404 when there is none, 409 when it is not held or ambiguous. */
    Refund resolveRefund(String reference, Optional<String> oidPartner, boolean success) {
        List<Refund> found = refunds.byReference(reference, oidPartner);
        if (found.isEmpty()) {
            throw new AdminException(404, "no refund " + reference);
        }
        if (found.size() > 1) {
            throw new AdminException(409, "several merchants have a refund " + reference + "; add oid_partner");
        }
        Refund refund = found.get(0);
        if (!bank.resolve(refund.oidRefundno(), success)) {
            throw new AdminException(409, "refund " + reference + " is not held by the sandbox bank "
                    + "(only refunds of an amount ending .92 are)");
        }
        return refund;
    }

    static boolean successOrFailure(String result) {
        if (result == null || !(result.equalsIgnoreCase("SUCCESS") || result.equalsIgnoreCase("FAILURE"))) {
            throw new AdminException(400, "result must be SUCCESS or FAILURE");
        }
        return result.equalsIgnoreCase("SUCCESS");
    }

    /**
     * Completes a waiting online banking order as the bank would: {@code paid} or {@code declined}. The order is
     * named by its {@code oid_paybill} or {@code no_order} (with {@code oid_partner} when several merchants use it).
     */
    private void complete(Context ctx) {
        AdminInput.Body body = AdminInput.body(ctx);
        MerchantOrder completed = complete(ctx.pathParam("reference"), body.text("result", 32).orElse(null),
                body.text("oid_partner", 64));
        OnlineBankingOrder order = completed.order();
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("oid_partner", completed.oidPartner());
        reply.put("no_order", order.noOrder());
        reply.put("oid_paybill", order.oidPaybill());
        reply.put("result_pay", order.status().resultPay());
        if (order.returnToken() != null) {
            // The page a payer's browser would open next: it posts the synchronous notification to url_return, once.
            reply.put("return_page", "/payment/return/" + order.returnToken());
        }
        Json.write(ctx, 200, reply);
    }

    /** Completes a waiting online banking order as {@code paid} or {@code declined}, as its bank would. */
    MerchantOrder complete(String reference, String result, Optional<String> oidPartner) {
        if (result == null || !(result.equalsIgnoreCase("paid") || result.equalsIgnoreCase("declined"))) {
            throw new AdminException(400, "result must be paid or declined");
        }
        List<OnlineBankingOrder> found = onlineBanking.byReference(reference, oidPartner);
        if (found.isEmpty()) {
            throw new AdminException(404, "no online banking order " + reference);
        }
        if (found.size() > 1) {
            throw new AdminException(409, "several merchants have an order " + reference + "; add oid_partner");
        }
        MerchantOrder completed;
        try {
            completed = onlineBanking.complete(found.get(0).payToken(), result.equalsIgnoreCase("paid"));
        } catch (Refusal e) {
            throw new AdminException(409, "order " + reference + " is not waiting for payment: "
                    + e.code().code() + " " + e.retMsg());
        }
        return completed;
    }

    private void advance(Context ctx) {
        advance(AdminInput.body(ctx).text("by", 64).orElse(null));
        Json.write(ctx, 200, clockView());
    }

    /** Moves the clock forward by an ISO-8601 duration and runs what became due. */
    void advance(String by) {
        if (by == null) {
            throw new AdminException(400, "by is required: an ISO-8601 duration such as PT24H or P1D");
        }
        Duration duration;
        try {
            duration = Duration.parse(by.trim());
            clock.advance(duration);
        } catch (DateTimeParseException e) {
            throw new AdminException(400, "by must be an ISO-8601 duration such as PT24H or P1D");
        } catch (IllegalArgumentException e) {
            throw new AdminException(400, e.getMessage());
        }
        afterClockMove.run();
    }

    private Map<String, Object> clockView() {
        return Map.of("now", clock.instant().toString(), "offset", clock.offset().toString());
    }
}
