package io.llgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.client.BindPayType;
import io.llgate.client.BindToken;
import io.llgate.client.BoundCard;
import io.llgate.client.CardBindRequest;
import io.llgate.client.LlGateClient;
import io.llgate.client.MpayApplied;
import io.llgate.client.MpayBindRequest;
import io.llgate.client.MpayBindToken;
import io.llgate.client.MpayRequest;
import io.llgate.client.MpayResult;
import io.llgate.client.RiskItem;
import java.util.Map;

/**
 * The sandbox's controls for card payments (easypay, MPAY): the SMS codes texted to a mobile (the sandbox texts
 * nobody; it keeps an inbox), a test card bound in one call (card binding or MPAY's bind pair), an MPAY payment paid
 * in one call, and the issuer's late answer to a charge it left pending (test cards ending
 * {@code 9000}). Test cards are {@link TestCard}.
 */
public final class CardControls {
    private final GatewayApi api;
    private final LlGateClient client;

    CardControls(GatewayApi api, LlGateClient client) {
        this.api = api;
        this.client = client;
    }

    /** The latest code texted to {@code mobile}, through {@code GET /sandbox/sms}; fails when none was. */
    public String latestSmsCode(String mobile) {
        JsonNode messages = api.get("/sandbox/sms?mobile=" + GatewayApi.segment(mobile)).get("messages");
        if (messages == null || messages.isEmpty()) {
            throw new AssertionError("no SMS was texted to " + mobile);
        }
        return messages.get(0).get("code").asText();
    }

    /**
     * Binds the test card to the merchant's user in one call (spec 22): apply, read the texted code from the SMS inbox,
     * verify. Refusals are the SDK's {@code LlGateReturnCodeException}, as a card the user has bound ({@code 9913}).
     */
    public BoundCard bind(String userId, TestCard card, String bindMob) {
        BindPayType payType = card.credit() ? BindPayType.EASYPAY_CREDIT : BindPayType.EASYPAY;
        return bind(CardBindRequest.builder().userId(userId).payType(payType).card(card.card(bindMob))
                .riskItem(RiskItem.builder().userInfoMerchtUserno(userId).build()).build());
    }

    /** Binds a card in one call: apply, read the code texted to its {@code bind_mob}, verify. */
    public BoundCard bind(CardBindRequest request) {
        BindToken token = client.cardBinding().apply(request);
        return client.cardBinding().verify(request.userId(), token.token(), latestSmsCode(request.card().bindMob()));
    }

    /**
     * Binds the test card through MPAY's bind pair (spec 21 §4, §5) in one call: {@code /v1/bankcardbind} inside
     * {@code pay_load}, the code read from the SMS inbox, {@code /v1/bankcardbindverfy}. Quick payment: {@code pay_type}
     * {@code 3} for a credit card, {@code 2} for a debit card.
     */
    public BoundCard bindForMpay(String userId, TestCard card, String bindMob) {
        MpayBindRequest request = new MpayBindRequest(userId, null,
                card.credit() ? BindPayType.QUICK_CREDIT : BindPayType.QUICK_DEBIT, card.card(bindMob),
                RiskItem.builder().userInfoMerchtUserno(userId).build(), null, null, null);
        MpayBindToken token = client.mpay().bindApply(request);
        return client.mpay().bindVerify(token, latestSmsCode(bindMob));
    }

    /**
     * Pays an MPAY order in one call (spec 21 §6, §7): apply, then verify with the code texted to {@code bindMob} (the
     * card's, or the bound card's mobile); a merchant without SMS verification is charged at apply, and its outcome is
     * answered as it is.
     */
    public MpayResult payMpay(MpayRequest request, String bindMob) {
        MpayApplied applied = client.mpay().apply(request);
        if (applied.token().isEmpty()) {
            return new MpayResult(applied.noOrder(), applied.dtOrder(), applied.oidPaybill(), applied.moneyOrderFen(),
                    applied.resultPay().orElseThrow(), applied.settleDate(), applied.noAgree(), applied.reply());
        }
        return client.mpay().verify(applied, latestSmsCode(bindMob));
    }

    /**
     * The issuer answers the pending charge of the payment {@code oidPaybill}: paid (bound, notified) or declined,
     * through {@code POST /sandbox/card-charges/{oid_paybill}/resolve}. Throws IllegalStateException when no charge of it is pending.
     */
    public void resolveCharge(String oidPaybill, boolean paid) {
        api.post("/sandbox/card-charges/" + GatewayApi.segment(oidPaybill) + "/resolve",
                Map.of("result", paid ? "SUCCESS" : "FAILURE"));
    }
}
