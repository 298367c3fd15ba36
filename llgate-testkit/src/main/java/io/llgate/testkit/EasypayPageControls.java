package io.llgate.testkit;

import io.llgate.client.EasypayCard;
import io.llgate.client.EasypayPageForm;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's controls for card payments on the gateway's pages (WEB and H5): the payer's browser posts the signed
 * form, chooses the card's bank, types the card details, reads the SMS code from the sandbox SMS inbox, types it, and
 * goes back to {@code url_return} as the pages send it. A card that pays completes the payment; a card the sandbox
 * issuer declines (docs/products/test-cards.md) fails it. The order's notification is awaited with
 * {@link Sandbox#awaitNotification(String)}, the browser return with {@link OnlineBankingControls#awaitReturn}; the
 * cards are {@link TestCard}s.
 */
public final class EasypayPageControls {
    /** The mobile the test cards' holder registered with the bank, where the SMS codes go. */
    public static final String MOBILE = "13800138000";
    private static final Pattern BANK_RADIO = Pattern.compile("name=\"bank\" value=\"([^\"]+)\"");

    private final PayerBrowser browser;
    private final CardControls cards;

    EasypayPageControls(PayerBrowser browser, CardControls cards) {
        this.browser = browser;
        this.cards = cards;
    }

    /**
     * How a payment on the pages ended.
     *
     * @param paid     whether the card was charged
     * @param outcome  the gateway's last page's heading (paid, failed), when the browser stayed at the gateway
     * @param returned where the browser went back to the merchant ({@code url_return}, with {@code res_data} for H5)
     *                 and what the merchant answered, when it did
     */
    public record Completion(String noOrder, boolean paid, String outcome,
                             Optional<OnlineBankingCompletion.Returned> returned) {
    }

    /** Pays the form's order with a debit card that pays ({@link TestCard#CMB_DEBIT}). */
    public Completion pay(EasypayPageForm form) {
        return pay(form, TestCard.CMB_DEBIT);
    }

    /** Fails the form's order: the bank of {@link TestCard#ICBC_DEBIT_INSUFFICIENT_FUNDS} finds the funds short. */
    public Completion decline(EasypayPageForm form) {
        return pay(form, TestCard.ICBC_DEBIT_INSUFFICIENT_FUNDS);
    }

    /**
     * The payer's browser posts the form and goes through the pages with {@code card}, held by the holder that passes
     * ({@link TestCard#card}, mobile {@link #MOBILE}): the card's bank and kind (unless the form presets the card or
     * names a saved one), its details, the SMS code from the sandbox inbox, and back to the merchant as the pages send
     * it. Fails when the gateway refuses the form or a page, with its return code or notice.
     */
    public Completion pay(EasypayPageForm form, TestCard card) {
        EasypayCard holder = card.card(MOBILE);
        PayerBrowser.Page page = follow(browser.submit(new HtmlForm(null, "post", form.action(), StandardCharsets.UTF_8,
                form.fields())));
        for (int step = 0; step < 3; step++) {
            PayerBrowser.Page at = page;
            Optional<String> action = formAction(at, "/bank").or(() -> formAction(at, "/card"))
                    .or(() -> formAction(at, "/code"));
            if (action.isEmpty()) {
                break;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            if (action.get().endsWith("/bank")) {
                fields.put("bank", bankChoice(at, card));
            } else if (action.get().endsWith("/card")) {
                fields.put("card_no", holder.cardNo());
                fields.put("acct_name", holder.acctName());
                fields.put("id_type", holder.idType());
                fields.put("id_no", holder.idNo());
                fields.put("bind_mob", holder.bindMob());
                if (card.credit()) {
                    fields.put("vali_date", holder.valiDate());
                    fields.put("cvv2", holder.cvv2());
                }
            } else {
                fields.put("verify_code", cards.latestSmsCode(MOBILE));
            }
            page = follow(browser.submit(new HtmlForm(null, "post", at.uri().resolve(action.get()),
                    StandardCharsets.UTF_8, fields)));
            Optional<String> notice = page.textOf("notice");
            if (notice.isPresent() && page.status() == 400) {
                throw new AssertionError("the card payment page refused: " + notice.get());
            }
        }
        return completion(form.noOrder(), page);
    }

    /** The bank page's choice of the card's bank and kind. */
    private static String bankChoice(PayerBrowser.Page page, TestCard card) {
        String wanted = (card.credit() ? "C:" : "D:") + card.bankCode();
        Matcher m = BANK_RADIO.matcher(page.html());
        List<String> offered = new ArrayList<>();
        while (m.find()) {
            offered.add(m.group(1));
        }
        if (!offered.contains(wanted)) {
            throw new AssertionError("the bank page does not offer " + wanted + " for " + card + "; it offers " + offered);
        }
        return wanted;
    }

    private Completion completion(String noOrder, PayerBrowser.Page page) {
        Optional<String> retCode = page.textOf("ret_code");
        if (retCode.isPresent()) {
            throw new AssertionError("the card payment pages refused: " + retCode.get() + " "
                    + page.textOf("ret_msg").orElse("") + page.textOf("field").map(f -> " (field " + f + ")").orElse(""));
        }
        if (page.uri().getPath().startsWith("/easypay/return/")) {
            HtmlForm back = HtmlForm.find(page.html(), page.uri(), page.charset(), f -> f.method().equals("post"))
                    .orElseThrow(() -> new AssertionError("the return page had already been visited"));
            PayerBrowser.Page merchant = browser.submit(back);
            return new Completion(noOrder, true, "", Optional.of(new OnlineBankingCompletion.Returned(back.action(),
                    merchant.status(), merchant.contentType(), merchant.html())));
        }
        if (!page.uri().getPath().startsWith("/easypay/")) {
            // The H5 return: the gateway sent the browser to url_return?res_data=... itself.
            return new Completion(noOrder, true, "", Optional.of(new OnlineBankingCompletion.Returned(page.uri(),
                    page.status(), page.contentType(), page.html())));
        }
        String outcome = page.textOf("outcome").orElse("");
        return new Completion(noOrder, outcome.startsWith("支付成功"), outcome, Optional.empty());
    }

    /** Follows the gateway's redirects, to the merchant's url_return too (the H5 return is a browser GET). */
    private PayerBrowser.Page follow(PayerBrowser.Page page) {
        PayerBrowser.Page at = page;
        for (int hops = 0; at.status() == 303 && at.next().isPresent() && hops < 5; hops++) {
            at = browser.open(at.next().get());
        }
        return at;
    }

    private static Optional<String> formAction(PayerBrowser.Page page, String suffix) {
        Matcher m = Pattern.compile("<form[^>]*action=\"([^\"]*" + Pattern.quote(suffix) + ")\"").matcher(page.html());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
