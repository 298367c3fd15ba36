package io.llgate.server.sandbox;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.llgate.server.bank.PayerBankPayment;
import io.llgate.server.bank.PayerBankReturn;
import io.llgate.server.http.FormBody;
import io.llgate.server.http.Pages;
import io.llgate.server.http.RequestBody;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * The sandbox bank's site, where the gateway hands the payer over: it shows the payment and lets the payer approve or
 * decline. Its answer reaches the gateway as a real bank's would. Banks that send the payer back return them to the
 * gateway, which takes them on to the merchant; ICBC keeps them on its own page. Sandbox mode only: a production
 * gateway has no such pages.
 */
public final class SandboxBankRoutes {
    private final SandboxPayerBank bank;
    private final Pages pages;
    private final int maxBodyBytes;

    public SandboxBankRoutes(SandboxPayerBank bank, Pages pages, int maxBodyBytes) {
        this.bank = bank;
        this.pages = pages;
        this.maxBodyBytes = maxBodyBytes;
    }

    public void addTo(RoutesConfig routes) {
        routes.get("/bank/{reference}", pages.guarded(this::show));
        routes.post("/bank/{reference}", pages.guarded(this::decide));
    }

    private void show(Context ctx) {
        show(ctx, bank.handedOver(ctx.pathParam("reference")).payment());
    }

    private void show(Context ctx, PayerBankPayment payment) {
        if (!payment.bankChosen()) {
            // Only a payer the gateway handed to a bank is at one: anyone else chooses a bank first.
            ctx.redirect(payment.chooseBankPage(), HttpStatus.SEE_OTHER);
            return;
        }
        pages.render(ctx, 200, "sandbox/bank.jte", SandboxBankPage.decide(payment));
    }

    private void decide(Context ctx) {
        String decision = decision(RequestBody.read(ctx, maxBodyBytes));
        SandboxPayerBank.HandedOver handedOver = bank.handedOver(ctx.pathParam("reference"));
        PayerBankPayment payment = handedOver.payment();
        if (!payment.bankChosen() || !decision.equals("approve") && !decision.equals("decline")) {
            // Only a payer who came through the cashier, and pressed one of the two buttons, decides.
            show(ctx, payment);
            return;
        }
        PayerBankReturn back = handedOver.answer(decision.equals("approve"));
        if (!payment.returnsPayer()) {
            pages.render(ctx, 200, "sandbox/bank.jte", SandboxBankPage.answered(payment, back.paid()));
            return;
        }
        ctx.redirect(back.gatewayPage(), HttpStatus.SEE_OTHER);
    }

    /** The button pressed; the bank's own page posts UTF-8, anything else presses no button. */
    private static String decision(byte[] body) {
        try {
            return FormBody.parse(body).decode(StandardCharsets.UTF_8).getOrDefault("decision", "");
        } catch (CharacterCodingException e) {
            return "";
        }
    }
}
