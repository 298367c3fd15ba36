package io.llgate.protocol;

/**
 * The names of the wire fields that several messages share, spelled once. A field only one message carries is
 * spelled where that message is built.
 */
public final class Fields {
    public static final String OID_PARTNER = "oid_partner";
    public static final String SIGN_TYPE = "sign_type";
    public static final String SIGN = "sign";
    public static final String API_VERSION = "api_version";
    public static final String PAY_LOAD = "pay_load";
    public static final String RET_CODE = "ret_code";
    public static final String RET_MSG = "ret_msg";
    public static final String NO_ORDER = "no_order";
    public static final String DT_ORDER = "dt_order";
    public static final String OID_PAYBILL = "oid_paybill";
    public static final String MONEY_ORDER = "money_order";
    public static final String RESULT_PAY = "result_pay";
    public static final String SETTLE_DATE = "settle_date";
    public static final String INFO_ORDER = "info_order";
    public static final String NOTIFY_URL = "notify_url";
    public static final String URL_RETURN = "url_return";
    public static final String BUSI_PARTNER = "busi_partner";
    public static final String PAY_TYPE = "pay_type";
    public static final String BANK_CODE = "bank_code";
    public static final String CARD_NO = "card_no";
    public static final String NO_REFUND = "no_refund";
    public static final String DT_REFUND = "dt_refund";
    public static final String MONEY_REFUND = "money_refund";
    public static final String OID_REFUNDNO = "oid_refundno";
    public static final String STA_REFUND = "sta_refund";

    private Fields() {
    }
}
