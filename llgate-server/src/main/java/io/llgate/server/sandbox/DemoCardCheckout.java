package io.llgate.server.sandbox;

import java.util.List;

/**
 * A checkout the demo shop takes a card for on its own page, an apply then the payer's SMS code: its name, the shop's
 * address its code step posts to, the apply reply's fields that step carries back, the return code of an apply that
 * texted a code, and whether the apply is sealed into {@code pay_load}.
 */
public record DemoCardCheckout(String name, String verifyPath, List<String> verifyFields, String codeSentRetCode,
                               boolean sealed) {
    /** MPAY (21): the apply answers {@code 8888} when it texted the code. */
    static final DemoCardCheckout MPAY = new DemoCardCheckout("银行卡支付 · Card payment (MPAY)",
            MerchantDemoRoutes.PATH + "/mpay/verify", List.of("no_order", "money_order", "token"), "8888", true);
    /** Exchange payment (23): the apply answers {@code 0000} with the price and a token when it texted the code. */
    static final DemoCardCheckout EXCHANGE = new DemoCardCheckout("外币标价支付 · Exchange payment",
            MerchantDemoRoutes.PATH + "/exchange/verify", List.of("no_order", "token"), "0000", false);

    public DemoCardCheckout {
        verifyFields = List.copyOf(verifyFields);
    }

    /** Whether this apply reply says a code was texted and a verify is awaited. */
    boolean codeSent(DemoCall call) {
        return call.verified() && codeSentRetCode.equals(call.get("ret_code")) && call.get("token") != null;
    }
}
