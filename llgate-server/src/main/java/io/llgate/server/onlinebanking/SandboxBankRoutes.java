package io.llgate.server.onlinebanking;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.llgate.server.http.Pages;
import io.llgate.server.http.RequestBody;
import java.util.Optional;

/**
 * The sandbox bank's online-banking site, where the cashier sends the payer: it shows the order and lets
 * the payer approve or decline, standing in for a real bank's login, U-key and password. Its answer
 * reaches the gateway as a real bank's would. Banks that send the payer back return them to the gateway,
 * which takes them on to the merchant; ICBC keeps them on its own page.
 */
public final class SandboxBankRoutes {
    private final OnlineBankingPayments payments;
    private final Pages pages;
    private final int maxBodyBytes;

    public SandboxBankRoutes(OnlineBankingPayments payments, Pages pages, int maxBodyBytes) {
        this.payments = payments;
        this.pages = pages;
        this.maxBodyBytes = maxBodyBytes;
    }

    public void addTo(RoutesConfig routes) {
        routes.get("/bank/{token}", pages.guarded(this::show));
        routes.post("/bank/{token}", pages.guarded(this::decide));
    }

    private void show(Context ctx) {
        OnlineBankingOrder order = payments.waiting(ctx.pathParam("token"));
        Optional<Bank> bank = order.bankCodeIfChosen().flatMap(payments.banks()::find);
        if (bank.isEmpty()) {
            ctx.redirect(OnlineBankingRoutes.cashierPath(order), HttpStatus.SEE_OTHER);
            return;
        }
        PayType type = order.payTypeIfKnown().orElse(PayType.DEBIT);
        pages.render(ctx, 200, "onlinebanking/bank.jte", new BankPage(OrderView.of(order), bank.get().bankName(),
                bank.get().bankCode(), type.label(), OnlineBankingRoutes.bankPath(order)));
    }

    private void decide(Context ctx) {
        String decision = OnlineBankingRoutes.formFields(RequestBody.read(ctx, maxBodyBytes)).getOrDefault("decision", "");
        OnlineBankingOrder waiting = payments.waiting(ctx.pathParam("token"));
        if (waiting.bankCodeIfChosen().isEmpty() || !decision.equals("approve") && !decision.equals("decline")) {
            // Only a payer who came through the cashier, and pressed one of the two buttons, decides.
            show(ctx);
            return;
        }
        OnlineBankingOrder order = payments.complete(ctx.pathParam("token"), decision.equals("approve"));
        Optional<Bank> bank = order.bankCodeIfChosen().flatMap(payments.banks()::find);
        if (bank.isPresent() && !bank.get().returnsToMerchant()) {
            boolean paid = order.status() == OrderStatus.SUCCESS;
            pages.render(ctx, 200, "onlinebanking/message.jte", new MessagePage(
                    bank.get().bankName() + " 网上银行 · LLGate 沙箱银行", "bank",
                    paid ? "支付成功" : "支付未完成",
                    paid ? "扣款成功。本行不会将您带回商户网站，请关闭本页面；商户会收到支付结果通知。"
                            : "您已拒绝本次支付，账户未扣款。请关闭本页面。",
                    paid, OrderView.of(order)));
            return;
        }
        ctx.redirect(order.returnToken() != null ? OnlineBankingRoutes.returnPath(order)
                : OnlineBankingRoutes.resultPath(order), HttpStatus.SEE_OTHER);
    }
}
