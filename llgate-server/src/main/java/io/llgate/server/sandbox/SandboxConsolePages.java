package io.llgate.server.sandbox;

import io.llgate.protocol.Amounts;
import io.llgate.server.console.Console;
import io.llgate.server.console.ConsoleAction;
import io.llgate.server.console.ConsoleCall;
import io.llgate.server.console.ConsoleFrame;
import io.llgate.server.console.ConsoleNav;
import io.llgate.server.merchant.Merchant;
import io.llgate.server.merchant.MerchantConsolePages;
import io.llgate.server.merchant.Merchants;
import io.llgate.server.notify.NotifyChaos;
import io.llgate.server.onlinebanking.MerchantOrder;
import io.llgate.server.security.Masking;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The console's sandbox page, routed in sandbox mode only: resolve the transfers the sandbox bank holds, complete a
 * waiting online banking payment, answer a card charge the sandbox issuer left pending, read the SMS inbox of a
 * mobile, move the clock, and set each merchant's notification chaos. Each form does what its {@code /sandbox/} or
 * admin call does, through the same code.
 */
public final class SandboxConsolePages {
    private static final String PATH = ConsoleNav.SANDBOX.path();
    private static final int HELD_SHOWN = 100;

    private final SandboxRoutes controls;
    private final SandboxCardRoutes cardControls;
    private final SandboxBank bank;
    private final SandboxSms sms;
    private final SandboxClock clock;
    private final Merchants merchants;
    private final MerchantConsolePages merchantPages;

    public SandboxConsolePages(SandboxRoutes controls, SandboxCardRoutes cardControls, SandboxBank bank, SandboxSms sms,
                               SandboxClock clock, Merchants merchants, MerchantConsolePages merchantPages) {
        this.controls = controls;
        this.cardControls = cardControls;
        this.bank = bank;
        this.sms = sms;
        this.clock = clock;
        this.merchants = merchants;
        this.merchantPages = merchantPages;
    }

    /** A held transfer with its amount in yuan. */
    public record HeldView(String kind, String reference, String cardSuffix, String amount, Instant createdAt) {
    }

    /** One message of the inbox, its mobile masked. */
    public record SmsView(String mobile, String text, String code, String oidPartner, String transaction,
                          Instant sentAt) {
    }

    /** A merchant's chaos setting. */
    public record ChaosView(String oidPartner, String name, String mode, String delay) {
    }

    public record Page(ConsoleFrame frame, Instant now, String offset, List<HeldView> held, String mobile,
                       List<SmsView> inbox, List<ChaosView> chaos, List<String> chaosModes) {
    }

    public void addTo(Console console) {
        console.page(PATH, ConsoleNav.SANDBOX, this::show);
        console.action(PATH + "/held/{reference}", ConsoleNav.SANDBOX, call -> {
            String reference = call.path("reference");
            String result = call.field("result").orElse(null);
            // The same code as POST /sandbox/payouts/{oid_paybill}/resolve or /sandbox/refunds/{reference}/resolve.
            if (call.field("kind").orElse("").equals("REFUND")) {
                controls.resolveRefund(reference, Optional.empty(), SandboxRoutes.successOrFailure(result));
            } else {
                controls.resolvePayout(reference, result);
            }
            return ConsoleAction.changed(PATH, "银行已处理 · The bank settled " + reference + " as " + result + ".",
                    "sandbox.resolve", "transfer " + reference, result);
        });
        console.action(PATH + "/online-banking", ConsoleNav.SANDBOX, call -> {
            String reference = call.field("reference").orElse("");
            MerchantOrder done = controls.complete(reference, call.field("result").orElse(null), call.field("oid_partner"));
            return ConsoleAction.changed(PATH, "订单 " + done.order().noOrder() + "：" + done.order().status().resultPay()
                            + " · Order " + done.order().noOrder() + " is " + done.order().status().resultPay() + ".",
                    "sandbox.online-banking", "merchant " + done.oidPartner() + " order " + done.order().noOrder(),
                    call.field("result").orElse(null));
        });
        console.action(PATH + "/card-charge", ConsoleNav.SANDBOX, call -> {
            String reference = call.field("oid_paybill").orElse("");
            String result = call.field("result").orElse(null);
            // The same code as POST /sandbox/card-charges/{oid_paybill}/resolve.
            boolean paid = cardControls.resolve(reference, result);
            return ConsoleAction.changed(PATH, "银行已答复 · The card's bank answered " + reference + ": "
                    + (paid ? "paid" : "declined") + ".", "sandbox.card-charge", "card charge " + reference, result);
        });
        console.action(PATH + "/clock", ConsoleNav.SANDBOX, call -> {
            String by = call.field("by").orElse(null);
            controls.advance(by);
            return ConsoleAction.changed(PATH, "时钟已前进 " + by + " · Clock moved " + by + ".", "sandbox.clock",
                    "clock", "advanced " + by + " to " + clock.instant());
        });
        console.action(PATH + "/chaos/{oid}", ConsoleNav.SANDBOX, call -> {
            Merchant m = merchantPages.setChaos(call, call.path("oid"));
            return ConsoleAction.changed(PATH, "已设置 · Chaos for " + m.oidPartner() + ": " + m.notifyChaos().mode().id()
                    + ".", "sandbox.chaos", "merchant " + m.oidPartner(), m.notifyChaos().mode().id() + " "
                    + m.notifyChaos().delay());
        });
    }

    private void show(ConsoleCall call) {
        String mobile = call.query("mobile").orElse(null);
        List<SmsView> inbox = mobile == null ? List.of() : sms.inbox(mobile).stream()
                .map(m -> new SmsView(Masking.value(m.mobile()), m.text(), m.code(), m.oidPartner(), m.transaction(),
                        m.sentAt()))
                .toList();
        call.render("console/sandbox.jte", new Page(call.frame("沙箱 Sandbox"), clock.instant(),
                clock.offset().toString(),
                bank.held(HELD_SHOWN).stream().map(h -> new HeldView(h.kind(), h.reference(), h.cardSuffix(),
                        Amounts.format(h.amount()), h.createdAt())).toList(),
                mobile == null ? null : Masking.value(mobile), inbox,
                merchants.list().stream().map(m -> new ChaosView(m.oidPartner(), m.name(), m.notifyChaos().mode().id(),
                        m.notifyChaos().delay().toString())).toList(),
                Arrays.stream(NotifyChaos.Mode.values()).map(NotifyChaos.Mode::id).toList()));
    }
}
