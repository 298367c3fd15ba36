package io.llgate.server.onlinebanking;

/** The addresses of the gateway's pages a payer of an order visits; their routes are in {@link OnlineBankingRoutes}. */
final class PayerPages {
    private PayerPages() {
    }

    static String cashier(OnlineBankingOrder order) {
        return "/payment/cashier/" + order.payToken();
    }

    static String result(OnlineBankingOrder order) {
        return "/payment/result/" + order.payToken();
    }

    /** The single-use return to url_return; only a paid order whose bank sends payers back has one. */
    static String returnToMerchant(OnlineBankingOrder order) {
        return "/payment/return/" + order.returnToken();
    }
}
