package io.llgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.client.OnlineBankingForm;
import io.llgate.client.ResultPay;
import io.llgate.client.notify.PaymentNotification;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sandbox's controls for online banking: the payer's browser posting the form to the gateway and coming back to
 * {@code url_return}, the sandbox bank's answer through the gateway's sandbox API, and the wait for the browser
 * return. The order's notification is awaited with {@link Sandbox#awaitNotification(String)}.
 */
public final class OnlineBankingControls {
    private static final String BANK_GATEWAY = "/payment/bankgateway.htm";

    private final GatewayApi api;
    private final PayerBrowser browser;
    private final MerchantReceiver receiver;
    private final URI baseUri;
    private final String oidPartner;
    private final Map<String, OnlineBankingCompletion> completions = new ConcurrentHashMap<>();

    OnlineBankingControls(GatewayApi api, PayerBrowser browser, MerchantReceiver receiver, URI baseUri,
                          String oidPartner) {
        this.api = api;
        this.browser = browser;
        this.receiver = receiver;
        this.baseUri = baseUri;
        this.oidPartner = oidPartner;
    }

    /**
     * The payer's browser posts the signed form to the gateway, as the page {@link OnlineBankingForm#html()} would:
     * the order then waits at the cashier, or at the bank when the form names one. Answers the order and the page the
     * gateway sends the browser to; fails when the gateway refuses the form, with its return code and the field at fault.
     */
    public OnlineBankingStart start(OnlineBankingForm form) {
        return start(form.html());
    }

    /**
     * As {@link #start(OnlineBankingForm)}, from the merchant's checkout page as the browser received it: the page's
     * form that posts to the gateway's {@code /payment/bankgateway.htm} is read and submitted in the charset it
     * declares ({@code accept-charset}, else the page's {@code <meta>} charset).
     */
    public OnlineBankingStart start(String checkoutPage) {
        HtmlForm form = HtmlForm.find(checkoutPage, baseUri.resolve("/"), HtmlForm.declaredIn(checkoutPage),
                        f -> f.action().getPath().endsWith(BANK_GATEWAY))
                .orElseThrow(() -> new IllegalArgumentException("the page has no form that posts to " + BANK_GATEWAY));
        PayerBrowser.Page answer = browser.submit(form);
        if (answer.status() != 303 || answer.next().isEmpty()) {
            throw new AssertionError("the gateway refused the online banking form: "
                    + answer.textOf("ret_code").orElse("HTTP " + answer.status()) + " "
                    + answer.textOf("ret_msg").orElse("") + answer.textOf("field").map(f -> " (field " + f + ")").orElse("")
                    + answer.textOf("sign_source").map(source -> "\nthe gateway verified the sign source: " + source)
                    .orElse(""));
        }
        return new OnlineBankingStart(form.fields().get("no_order"), answer.next().get());
    }

    /**
     * The sandbox bank pays a waiting order (by {@code no_order} or {@code oid_paybill}), through
     * {@code POST /sandbox/online-banking/{reference}/complete}, and the payer's browser goes on as it would: to the
     * gateway's return page, which posts the signed result to the order's {@code url_return} (once;
     * {@link #awaitReturn} reads it at {@link Sandbox#returnUrl()}). The merchant is notified at its
     * {@code notify_url}. Fails when the order is not waiting.
     */
    public OnlineBankingCompletion approve(String noOrder) {
        return complete(noOrder, true);
    }

    /** The sandbox bank declines a waiting order: it fails, with no notification and no return. */
    public OnlineBankingCompletion decline(String noOrder) {
        return complete(noOrder, false);
    }

    /**
     * The verified synchronous return about the order that reached {@link Sandbox#returnUrl()}, waiting for it if
     * need be. Fails at once when a return about the order did not verify.
     */
    public PaymentNotification awaitReturn(String noOrder) {
        return awaitReturn(noOrder, Sandbox.DEFAULT_WAIT);
    }

    /** As {@link #awaitReturn(String)}, waiting at most {@code wait}. */
    public PaymentNotification awaitReturn(String noOrder, Duration wait) {
        return Waiting.until(wait, () -> {
            for (ReceivedReturn r : receiver.returns()) {
                if (!r.noOrder().map(noOrder::equals).orElse(false)) {
                    continue;
                }
                if (r.rejection().isPresent()) {
                    throw new AssertionError("a return about " + noOrder + " did not verify: " + r.rejection().get()
                            + "\n" + r.text());
                }
                return r.payment();
            }
            return Optional.empty();
        }, () -> "no return about " + noOrder + " reached " + receiver.returnUrl() + whyNoReturn(noOrder));
    }

    private OnlineBankingCompletion complete(String reference, boolean paid) {
        JsonNode answer = api.post("/sandbox/online-banking/" + GatewayApi.segment(reference) + "/complete",
                Map.of("result", paid ? "paid" : "declined", "oid_partner", oidPartner));
        Optional<URI> returnPage = Optional.ofNullable(answer.get("return_page")).filter(n -> !n.isNull())
                .map(n -> baseUri.resolve(n.asText()));
        Optional<OnlineBankingCompletion.Returned> returned = returnPage.flatMap(this::returnToMerchant);
        OnlineBankingCompletion completion = new OnlineBankingCompletion(answer.get("no_order").asText(),
                answer.get("oid_paybill").asText(), ResultPay.of(answer.get("result_pay").asText()).orElseThrow(),
                returnPage, returned);
        completions.put(completion.noOrder(), completion);
        return completion;
    }

    /**
     * The payer's browser at the gateway's return page: on the first visit the page holds the signed form, which
     * it posts to url_return; a later visit holds none, and nothing is posted.
     */
    private Optional<OnlineBankingCompletion.Returned> returnToMerchant(URI returnPage) {
        PayerBrowser.Page page = browser.open(returnPage);
        Optional<HtmlForm> form = HtmlForm.find(page.html(), page.uri(), page.charset(), f -> f.method().equals("post"));
        return form.map(f -> {
            PayerBrowser.Page merchantPage = browser.submit(f);
            return new OnlineBankingCompletion.Returned(f.action(), merchantPage.status(), merchantPage.contentType(),
                    merchantPage.html());
        });
    }

    private String whyNoReturn(String noOrder) {
        OnlineBankingCompletion completion = completions.get(noOrder);
        if (completion == null) {
            return "; the sandbox has not completed the order (approve)";
        }
        if (completion.resultPay() != ResultPay.SUCCESS) {
            return "; the order was declined, and only a paid order returns";
        }
        if (completion.returnPage().isEmpty()) {
            return "; the order has no url_return, or its bank does not send payers back (ICBC)";
        }
        return completion.returned().map(r -> "; the return page posted it to " + r.urlReturn() + ", which answered HTTP "
                + r.status()).orElse("; the return page had already been visited and posted nothing");
    }
}
