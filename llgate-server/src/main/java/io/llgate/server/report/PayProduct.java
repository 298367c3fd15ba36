package io.llgate.server.report;

/**
 * The {@code pay_product} column of the report files. LianLian leaves its values undocumented (13 T9), so
 * these are LLGate's own codes, listed in docs/REPORTS.md; the CSV layout writes a Chinese channel name instead
 * (13 §5), LianLian's own for payouts ({@code 实时付款渠道}) and LLGate's in the same style for the others.
 */
public enum PayProduct {
    ONLINE_BANKING("1", "网银支付渠道"),
    EASYPAY("2", "快捷支付渠道"),
    MPAY("3", "移动支付渠道"),
    AGGREGATE("4", "聚合支付渠道"),
    EXCHANGE("5", "外币兑换渠道"),
    INSTANT_PAYMENT("6", "实时付款渠道");

    private final String code;
    private final String channelName;

    PayProduct(String code, String channelName) {
        this.code = code;
        this.channelName = channelName;
    }

    /** The value written in the documented layout. */
    public String code() {
        return code;
    }

    /** The value written in the CSV layout's 支付产品 column. */
    public String channelName() {
        return channelName;
    }
}
