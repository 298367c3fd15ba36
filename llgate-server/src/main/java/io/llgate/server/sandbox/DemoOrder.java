package io.llgate.server.sandbox;

import java.util.List;

/**
 * One of the demo shop's orders as its merchant sees it: what it sold, at what price in which currency (CNY, or a
 * foreign one for an exchange payment), the gateway's answer to the order query, the refunds made of it with the
 * answers to their queries, and a refund form once it is paid.
 */
public record DemoOrder(String noOrder, String dtOrder, String nameGoods, String currency, String moneyOrder,
                        DemoCall query, List<DemoRefund> refunds, RefundForm refundForm) {

    public DemoOrder {
        refunds = List.copyOf(refunds);
    }

    /** The price as the shop shows it: {@code ¥88.80}, or {@code USD 45.00} for an order priced in another currency. */
    public String price() {
        return foreign() ? currency + " " + moneyOrder : "¥" + moneyOrder;
    }

    /** Whether the order is priced in a currency other than CNY: the payer paid yuan at the gateway's rate. */
    public boolean foreign() {
        return !"CNY".equals(currency);
    }

    /** {@code result_pay} from the verified query reply, or null when the query did not succeed. */
    public String resultPay() {
        return query.succeeded() ? query.get("result_pay") : null;
    }

    /** A refund of the order: its numbers, amount, and the gateway's answer to the refund query. */
    public record DemoRefund(String noRefund, String dtRefund, String moneyRefund, DemoCall query, String queryLink) {

        /** {@code sta_refund} from the verified query reply, or null when the query did not succeed. */
        public String staRefund() {
            return query.succeeded() ? query.get("sta_refund") : null;
        }

        public String staRefundMeaning() {
            return meaning(staRefund());
        }

        /** What a {@code sta_refund} means (12 §6); empty for none. */
        public static String meaning(String staRefund) {
            return staRefund == null ? "" : switch (staRefund) {
                case "0" -> "已创建 · created";
                case "1" -> "处理中 · processing";
                case "2" -> "退款成功 · succeeded";
                case "3" -> "退款失败 · failed";
                default -> "";
            };
        }
    }

    /**
     * The refund form of a paid order: the refund number and time the shop chose when it showed the form, so
     * posting it twice sends the same refund, and the amount left to refund, in the order's currency.
     */
    public record RefundForm(String noOrder, String dtOrder, String noRefund, String dtRefund, String remaining,
                             String currency) {

        public boolean fullyRefunded() {
            return remaining.equals("0.00");
        }
    }
}
