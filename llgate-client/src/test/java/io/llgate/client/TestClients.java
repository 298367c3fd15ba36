package io.llgate.client;

import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import io.llgate.server.testing.TestMerchant;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicLong;

/** Clients for merchants registered on an in-process gateway, and payout and online banking requests for them. */
public final class TestClients {
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private TestClients() {
    }

    /** A client for the merchant, configured as a merchant would: base URL, oid_partner, its key, the gateway's key. */
    public static LlGateClient of(Gateway gateway, TestMerchant merchant) {
        return LlGateClient.builder()
                .baseUri(gateway.baseUri())
                .oidPartner(merchant.oidPartner())
                .merchantPrivateKey(merchant.keys().getPrivate())
                .gatewayPublicKey(gateway.publicKey())
                .build();
    }

    /** A card number ending in {@code lastFour} that no earlier payout used, so none is held as a duplicate. */
    public static String card(String lastFour) {
        return "621700" + String.format("%09d", SEQUENCE.incrementAndGet() % 1_000_000_000L) + lastFour;
    }

    /** A complete payout of 12.34 to a new card ending in {@code lastFour}, with a fresh no_order. */
    public static PayoutRequest.Builder payout(String lastFour, String notifyUrl) {
        return PayoutRequest.builder()
                .noOrder("SDK" + SEQUENCE.incrementAndGet())
                .dtOrder(LocalDateTime.now(WireTime.BEIJING))
                .moneyOrder("12.34")
                .cardNo(card(lastFour))
                .acctName("李明")
                .infoOrder("供应商结算")
                .memo("货款结算")
                .notifyUrl(notifyUrl);
    }

    /**
     * The value a field-rule case stands for: {@code @N} is a value of N characters fit for the field (a URL, a
     * unique order number, or Chinese text, whose characters each count one); anything else is itself.
     */
    public static String expand(String value, String field) {
        if (!value.startsWith("@")) {
            return value;
        }
        int length = Integer.parseInt(value.substring(1));
        if (field.contains("url")) {
            String prefix = "http://127.0.0.1:9/";
            return prefix + "n".repeat(length - prefix.length());
        }
        return (field.equals("no_order") ? "N" + System.nanoTime() : "名").repeat(length).substring(0, length);
    }

    /** A complete online banking order of 88.80 for physical goods, with a fresh no_order, paid at the cashier. */
    public static OnlineBankingRequest.Builder onlineBanking(String notifyUrl) {
        return OnlineBankingRequest.builder()
                .userId("u_778812")
                .busiPartner(BusiPartner.PHYSICAL_GOODS)
                .noOrder("WEB" + SEQUENCE.incrementAndGet())
                .dtOrder(LocalDateTime.now(WireTime.BEIJING))
                .nameGoods("羽毛球拍")
                .infoOrder("订单备注")
                .moneyOrder("88.80")
                .notifyUrl(notifyUrl)
                .userreqIp("203.0.113.7")
                .riskItem(RiskItem.builder().frmsWareCategory("4002").userInfoMerchtUserno("u_778812")
                        .userInfoDtRegister("20230105120000").goodsName("羽毛球拍").userInfoBindPhone("13800001111")
                        .build());
    }
}
