package io.llgate.server.easypay;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.protocol.RetCode;
import io.llgate.server.bank.CardBank;
import io.llgate.server.bank.CardIssuer;
import io.llgate.server.bank.IssuedCard;
import io.llgate.server.card.CardFields;
import io.llgate.server.card.CardInput;
import io.llgate.server.easypay.HostedPaymentRequest.Preset;
import io.llgate.server.easypay.HostedPaymentRequest.Style;
import io.llgate.server.kernel.OrderLookup;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.merchant.Merchant;
import io.llgate.server.merchant.Merchants;
import io.llgate.server.security.CardVault;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The card payment pages' service: a payer's way from the merchant's form to the paid order. The order is the
 * easypay order, applied for and verified through {@link EasypayPayments} exactly as the direct API does (one order,
 * one charge path); this service keeps the merchant's request until the card details come, how far the payer got,
 * and the single-use return to {@code url_return}. Each public method is one transaction of its own, besides the
 * easypay calls, which are theirs.
 */
public final class HostedPayments {
    /** The kinds of card a payer chooses at the bank page: debit ({@code D}) or credit ({@code C}). */
    static final String DEBIT = "D";
    static final String CREDIT = "C";

    private final Jdbi jdbi;
    private final Clock clock;
    private final Merchants merchants;
    private final CardVault vault;
    private final CardIssuer issuer;
    private final EasypayPayments easypay;
    private final HostedPageStore store = new HostedPageStore();
    private final SecureRandom random = new SecureRandom();

    public HostedPayments(Jdbi jdbi, Clock clock, Merchants merchants, CardVault vault, CardIssuer issuer,
                          EasypayPayments easypay) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.merchants = merchants;
        this.vault = vault;
        this.issuer = issuer;
        this.easypay = easypay;
    }

    /** The card details the payer typed; empty where the page did not ask (a preset) or the payer left it blank. */
    record CardDetails(Optional<String> cardNo, Optional<String> acctName, Optional<String> idType,
                       Optional<String> idNo, Optional<String> bindMob, Optional<String> valiDate,
                       Optional<String> cvv2) {
    }

    /**
     * A payment's page as it stands now, with what it shows.
     *
     * @param step      the step at the time of asking (a payment past {@code valid_order} reads as closed)
     * @param order     the easypay order, once applied for
     * @param banks     the banks to choose from, for the bank step
     * @param typedName the name the payer typed, to show again after a refusal
     */
    record Shown(HostedPage page, HostedStep step, Merchant merchant, Optional<EasypayOrder> order, List<CardBank> banks,
                 Optional<String> typedName) {

        /** The chosen bank's name, or the code when the issuer lists no such bank. */
        String bankName() {
            return banks.stream().filter(b -> b.bankCode().equals(page.bankCode())).map(CardBank::bankName).findFirst()
                    .orElse(page.bankCode());
        }

        /** Whether the bank is still charging the card (its answer comes later). */
        boolean charging() {
            return order.map(o -> o.status() == EasypayStatus.PROCESSING).orElse(false);
        }
    }

    /**
     * Opens the pages of a checked request. A saved card ({@code no_agree}) is applied for at once, so the payer only
     * types the SMS code; a preset card number goes straight to the card details. Refused without a write: the order
     * number's existing order (2007 paid, 2008 charging, 2006 closed, 1002 otherwise); a preset card no issuer has
     * (1102) or a debit card for a pre-authorization (5601); the saved card's refusals (3003, 3011).
     */
    public HostedPage start(Merchant merchant, HostedPaymentRequest request) {
        requireNewOrder(merchant, request.noOrder());
        Preset preset = request.preset();
        if (preset.savedCard()) {
            EasypayPayments.Outcome applied = easypay.apply(merchant, application(request, Optional.empty(),
                    Optional.empty()));
            return jdbi.inTransaction(h -> {
                HostedPage page = insert(h, merchant, request, HostedStep.CARD, null, applied.order().credit());
                return afterApply(h, page, applied.order());
            });
        }
        Optional<IssuedCard> card = preset.cardNo().map(this::issued);
        card.ifPresent(c -> requireKind(request, c.credit()));
        return jdbi.inTransaction(h -> insert(h, merchant, request, card.isPresent() ? HostedStep.CARD : HostedStep.BANK,
                card.map(IssuedCard::bankCode).orElse(null), card.map(IssuedCard::credit).orElse(false)));
    }

    /** The payment behind a page, as it stands; 8901 for an unknown page. */
    Shown shown(String pageToken) {
        return shown(pageToken, Optional.empty());
    }

    Shown shown(String pageToken, Optional<String> typedName) {
        return jdbi.withHandle(h -> {
            HostedPage page = page(h, pageToken);
            Merchant merchant = merchants.byId(h, page.merchantId());
            Optional<EasypayOrder> order = page.applyToken() != null || page.step() == HostedStep.PAID
                    ? order(h, merchant.id(), page.noOrder()) : Optional.empty();
            return new Shown(page, page.stepAt(clock.instant()), merchant, order, banks(page.request()), typedName);
        });
    }

    /** Whether the page still asks the payer something: a refusal then shows it again, saying why. */
    boolean stillAsking(String pageToken) {
        return shown(pageToken).step().asking();
    }

    /**
     * The payer's bank and kind of card: 1200 for a bank the issuer does not take cards of that kind from; 5601 for a
     * debit card when the merchant asked for a pre-authorization.
     */
    void chooseBank(String pageToken, String kind, String bankCode) {
        boolean credit = kind.equals(CREDIT);
        jdbi.useTransaction(h -> {
            HostedPage page = asking(h, pageToken, HostedStep.BANK);
            requireKind(page.request(), credit);
            banks(page.request()).stream()
                    .filter(b -> b.bankCode().equals(bankCode) && (credit ? b.credit() : b.debit()) && kind.matches("[DC]"))
                    .findFirst()
                    .orElseThrow(() -> Refusal.of(RetCode.BANK_NOT_SUPPORTED_CHOOSE_ANOTHER, "bank_code"));
            if (!store.chooseBank(h, page, bankCode, credit, clock.instant())) {
                throw Refusal.of(RetCode.TRANSACTION_IN_PROGRESS);
            }
        });
    }

    /**
     * The card details: the order is applied for through easypay, with the bank chosen, and the SMS code sent. The
     * apply's refusals come back as they are (1004 naming the field, 1102, 9907 a card of another bank, 1101–1115 from
     * the issuer, 5601), and the page stays where it was.
     */
    void submitCard(String pageToken, CardDetails typed) {
        HostedPage page = jdbi.withHandle(h -> asking(h, pageToken, HostedStep.CARD));
        Merchant merchant = jdbi.withHandle(h -> merchants.byId(h, page.merchantId()));
        Preset preset = page.request().preset();
        String idType = CardFields.idType(preset.idType().or(typed::idType).orElse("0")).code();
        CardInput card = new CardInput(
                CardFields.cardNo(preset.cardNo().or(typed::cardNo).orElse(null)),
                CardFields.acctName(preset.acctName().or(typed::acctName).orElse(null)),
                idType,
                CardFields.idNo(CardFields.idType(idType), preset.idNo().or(typed::idNo).orElse(null)),
                CardFields.bindMob(typed.bindMob().orElse(null)),
                page.credit() ? Optional.of(CardFields.valiDate(typed.valiDate().orElse(null), clock)) : Optional.empty(),
                page.credit() ? Optional.of(CardFields.cvv2(typed.cvv2().orElse(null))) : Optional.empty());
        EasypayPayments.Outcome applied;
        try {
            applied = easypay.apply(merchant, application(page.request(), Optional.of(card),
                    Optional.ofNullable(page.bankCode())));
        } catch (Refusal e) {
            // A merchant without SMS verification is charged at apply: a declined charge fails the payment.
            jdbi.useTransaction(h -> afterCharge(h, store.lockByToken(h, pageToken, this::open).orElseThrow(), e));
            throw e;
        }
        jdbi.useTransaction(h -> afterApply(h, store.lockByToken(h, pageToken, this::open).orElseThrow(),
                applied.order()));
    }

    /** Texts a new code for the order; 9704 when it cannot be sent, 2007/2006/1005 once the order is past waiting. */
    void resend(String pageToken) {
        HostedPage page = jdbi.withHandle(h -> asking(h, pageToken, HostedStep.CODE));
        Merchant merchant = jdbi.withHandle(h -> merchants.byId(h, page.merchantId()));
        easypay.resendCode(merchant, page.noOrder(), page.applyToken());
    }

    /**
     * The SMS code: verified and the card charged through easypay. A wrong or expired code is refused (1900, 1901,
     * 9702) and the page asks again; a declined charge fails the payment (its code is thrown, the page shows the
     * failure); a paid one opens the return to url_return.
     */
    HostedPage verify(String pageToken, String code) {
        HostedPage page = jdbi.withHandle(h -> asking(h, pageToken, HostedStep.CODE));
        Merchant merchant = jdbi.withHandle(h -> merchants.byId(h, page.merchantId()));
        HostedPaymentRequest r = page.request();
        EasypayPayments.Outcome verified;
        try {
            verified = easypay.verify(merchant, r.noOrder(), page.applyToken(), Optional.of(r.dtOrder()), r.moneyOrder(),
                    code);
        } catch (Refusal e) {
            jdbi.useTransaction(h -> afterCharge(h, store.lockByToken(h, pageToken, this::open).orElseThrow(), e));
            throw e;
        }
        return jdbi.inTransaction(h -> afterApply(h, store.lockByToken(h, pageToken, this::open).orElseThrow(),
                verified.order()));
    }

    /** A visit to the return page: the page, the order and, for the first visit only, the signed message to take back. */
    record ReturnVisit(HostedPage page, Merchant merchant, EasypayOrder order,
                       Optional<LinkedHashMap<String, String>> message, boolean postH5) {
    }

    /** Claims the return: only the first visit with a token may take the message; the claim commits before the page is sent. */
    Optional<ReturnVisit> returnVisit(String returnToken) {
        return jdbi.inTransaction(h -> {
            boolean first = store.claimReturn(h, returnToken, clock.instant());
            return store.byReturnToken(h, returnToken, this::open).map(page -> {
                Merchant merchant = merchants.byId(h, page.merchantId());
                EasypayOrder order = easypay.store().lockByOrder(h, merchant.id(), page.noOrder()).orElseThrow();
                Optional<LinkedHashMap<String, String>> message = first
                        ? Optional.of(page.request().style() == Style.WEB
                                ? easypay.messages().webReturn(merchant.ref(), order)
                                : easypay.messages().h5Return(merchant.ref(), order))
                        : Optional.empty();
                return new ReturnVisit(page, merchant, order, message, store.postsH5Return(h, merchant.id()));
            });
        });
    }

    /** Sets how the merchant's H5 return travels: an auto-submitted form post of {@code res_data}, or a browser GET. */
    public void setH5ReturnPost(long merchantId, boolean post) {
        jdbi.useTransaction(h -> store.setH5ReturnPost(h, merchantId, post, clock.instant()));
    }

    /** Whether the merchant's H5 return is posted. */
    public boolean postsH5Return(long merchantId) {
        return jdbi.withHandle(h -> store.postsH5Return(h, merchantId));
    }

    /** Closes every payment still asking past its {@code valid_order}. */
    public int closeExpired() {
        return jdbi.withHandle(h -> store.closeExpired(h, clock.instant()));
    }

    /** The easypay application of the page's request, with the card typed or none (a saved card's {@code no_agree}). */
    private static EasypayApplication application(HostedPaymentRequest r, Optional<CardInput> card,
                                                  Optional<String> bankCode) {
        return new EasypayApplication(r.userId(), r.platform(), r.busiPartner(), r.noOrder(), r.dtOrder(), r.nameGoods(),
                r.infoOrder(), r.notifyUrl(), r.validOrderMinutes(), r.riskItem(),
                PayType.byCode(r.payType()).orElseThrow(), r.moneyOrder(),
                Optional.of(r.style() == Style.WEB ? "13" : "16"), bankCode, r.preset().noAgree(), card);
    }

    /** The page after an apply or a verify: the code to type, or paid (with its return), or failed. */
    private HostedPage afterApply(Handle h, HostedPage page, EasypayOrder order) {
        Instant now = clock.instant();
        boolean moved = switch (order.status()) {
            case WAITING -> page.step() == HostedStep.CODE || store.applied(h, page, order.bankCode(), order.smsToken(),
                    order.holder().cardMasked(), order.holder().mobileMasked(), now);
            case SUCCESS, AUTHORIZED -> {
                HostedPage at = page;
                if (at.step() == HostedStep.CARD) {
                    store.applied(h, at, order.bankCode(), order.smsToken(), order.holder().cardMasked(),
                            order.holder().mobileMasked(), now);
                    at = store.lockByToken(h, page.pageToken(), this::open).orElseThrow();
                }
                yield store.paid(h, at, at.request().urlReturn().isPresent() ? token() : null, now);
            }
            // The bank has not answered: the code page says so, and the notification will tell the merchant.
            case PROCESSING -> page.step() == HostedStep.CODE || store.applied(h, page, order.bankCode(),
                    order.smsToken(), order.holder().cardMasked(), order.holder().mobileMasked(), now);
            case FAILURE, CLOSED -> store.failed(h, page, "银行未完成扣款，本订单未支付。The bank did not charge the card.", now);
        };
        if (!moved) {
            throw Refusal.of(RetCode.TRANSACTION_IN_PROGRESS);
        }
        return store.lockByToken(h, page.pageToken(), this::open).orElseThrow();
    }

    /** After a refused apply or verify: a failed order fails the page, with the refusal's words; a wrong code changes nothing. */
    private void afterCharge(Handle h, HostedPage page, Refusal refusal) {
        easypay.store().lockByOrder(h, page.merchantId(), page.noOrder())
                .filter(o -> o.status() == EasypayStatus.FAILURE || o.statusAt(clock.instant()) == EasypayStatus.CLOSED)
                .ifPresent(o -> store.failed(h, page, refusal.retMsg() + "（" + refusal.code().code() + "）",
                        clock.instant()));
    }

    /** 2007 paid, 2008 charging, 2006 closed, 1002 for any other order already under the number. */
    private void requireNewOrder(Merchant merchant, String noOrder) {
        jdbi.useHandle(h -> order(h, merchant.id(), noOrder).ifPresent(order -> {
            throw switch (order.statusAt(clock.instant())) {
                case SUCCESS, AUTHORIZED -> Refusal.of(RetCode.ALREADY_PAID, "no_order");
                case PROCESSING -> Refusal.of(RetCode.TRANSACTION_IN_PROGRESS, "no_order");
                case CLOSED -> Refusal.of(RetCode.EXPIRED, "no_order");
                default -> Refusal.of(RetCode.DUPLICATE_ORDER, "no_order");
            };
        }));
    }

    /** The merchant's easypay order of that number, read without a lock. */
    private Optional<EasypayOrder> order(Handle h, long merchantId, String noOrder) {
        return easypay.store().named(h, merchantId, new OrderLookup(Optional.of(noOrder), Optional.empty())).stream()
                .findFirst();
    }

    /** 5601 for a debit card when the merchant asked for a pre-authorization ({@code pay_type=F}). */
    private static void requireKind(HostedPaymentRequest request, boolean credit) {
        if (request.preAuthorization() && !credit) {
            throw Refusal.of(RetCode.PAY_TYPE_CARD_MISMATCH, "pay_type");
        }
    }

    private IssuedCard issued(String cardNo) {
        return issuer.identify(cardNo).orElseThrow(() -> Refusal.of(RetCode.UNKNOWN_ISSUER, "card_no"));
    }

    /** The banks a payer may choose: a pre-authorization takes credit cards only. */
    private List<CardBank> banks(HostedPaymentRequest request) {
        return issuer.banks().stream().filter(b -> b.credit() || !request.preAuthorization()).toList();
    }

    private HostedPage insert(Handle h, Merchant merchant, HostedPaymentRequest request, HostedStep step, String bankCode,
                              boolean credit) {
        String pageToken = token();
        store.insert(h, merchant.id(), request, vault.seal(FlatJson.write(request.fields())), step, bankCode, credit,
                pageToken, clock.instant());
        return store.lockByToken(h, pageToken, this::open).orElseThrow();
    }

    private HostedPage page(Handle h, String pageToken) {
        return store.byToken(h, pageToken, this::open).orElseThrow(() -> Refusal.of(RetCode.NO_RECORD));
    }

    /**
     * The page locked, if it is at {@code step} now; else the refusal of where it is: 2006 closed, 2007 paid, 1005
     * failed, 2008 at another step (a stale page, a second tab).
     */
    private HostedPage asking(Handle h, String pageToken, HostedStep step) {
        HostedPage page = store.lockByToken(h, pageToken, this::open).orElseThrow(() -> Refusal.of(RetCode.NO_RECORD));
        HostedStep now = page.stepAt(clock.instant());
        if (now != step) {
            throw switch (now) {
                case CLOSED -> Refusal.of(RetCode.EXPIRED);
                case PAID -> Refusal.of(RetCode.ALREADY_PAID);
                case FAILED -> Refusal.of(RetCode.PAYMENT_FAILED);
                default -> Refusal.of(RetCode.TRANSACTION_IN_PROGRESS);
            };
        }
        return page;
    }

    private HostedPaymentRequest open(String sealed) {
        try {
            return HostedPaymentRequest.ofFields(FlatJson.parse(vault.open(sealed)));
        } catch (MalformedMessageException e) {
            throw new IllegalStateException("a stored card payment request is not the JSON it was written as", e);
        }
    }

    /** 128 random bits: page addresses nobody can guess from an order number. */
    private String token() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
