package io.llgate.server.sandbox;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.llgate.protocol.RetCode;
import io.llgate.server.http.Pages;
import io.llgate.server.kernel.Refusal;
import java.util.List;

/**
 * The sandbox's phone: a page showing the texts sent to a payer's mobile for one payment, linked from that payment's
 * code page. It is reached by the key in its address, which only that page shows, never by a mobile number. Sandbox
 * mode only: a production gateway has no such page.
 */
public final class SandboxPhoneRoutes {
    private final SandboxSms sms;
    private final Pages pages;

    public SandboxPhoneRoutes(SandboxSms sms, Pages pages) {
        this.sms = sms;
        this.pages = pages;
    }

    /** The phone page whose key is {@code key}. */
    static String page(String key) {
        return "/phone/" + key;
    }

    /** The texts the phone shows, newest first. */
    public record PhonePage(List<SmsMessage> messages) {
    }

    public void addTo(RoutesConfig routes) {
        routes.get("/phone/{key}", pages.guarded(this::show));
    }

    private void show(Context ctx) {
        List<SmsMessage> messages = sms.phone(ctx.pathParam("key")).orElseThrow(() -> Refusal.of(RetCode.NO_RECORD));
        ctx.header("Cache-Control", "no-store");
        pages.render(ctx, 200, "sandbox/phone.jte", new PhonePage(messages));
    }
}
