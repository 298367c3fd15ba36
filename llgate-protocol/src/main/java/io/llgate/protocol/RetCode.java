package io.llgate.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every LianLian return code with its exact Chinese {@code ret_msg}. */
public enum RetCode {
    SUCCESS("0000", "交易成功"),
    BOUND_CARD_LOOKUP_FAILED("0106", "签约银行卡信息查询失败"),
    TOKEN_INVALID("1000", "支付授权令牌失效或错误"),
    SIGN_ERROR("1001", "商户请求签名错误"),
    DUPLICATE_ORDER("1002", "第三方单号重复"),
    PAYMENT_IN_PROGRESS("1003", "正在支付中,请稍后"),
    PARAM_ERROR("1004", "商户请求参数校验错误（具体参数名）"),
    PAYMENT_FAILED("1005", "支付处理失败"),
    PAYMENT_ORDER_CREATION_FAILED("1006", "支付单创建失败"),
    NETWORK_BUSY("1007", "网络链接繁忙"),
    IP_NOT_ALLOWED("1008", "商户请求IP错误"),
    MERCHANT_SUSPENDED("1009", "暂停商户支付服务，请联系连连银通客服"),
    UNPARSABLE("1012", "请求报文解析失败"),
    DAILY_LIMIT_EXCEEDED("1014", "日累计金额或笔数超限"),
    AMOUNT_LIMIT_EXCEEDED("1016", "交易金额超限"),
    SINGLE_AMOUNT_LIMIT_EXCEEDED("1019", "单笔金额超限"),
    INVALID_CARD_NO("1100", "无效卡号"),
    CARD_REPORTED_LOST("1101", "卡已挂失"),
    UNKNOWN_ISSUER("1102", "无此发卡方"),
    CARD_EXPIRY_OR_CVV2_WRONG("1103", "银行卡有效期或CVV2错误"),
    CARD_PIN_WRONG("1104", "卡密码错误"),
    CARD_BLACKLISTED("1105", "卡号在黑名单中"),
    PIN_RETRIES_EXCEEDED("1106", "允许的输入PIN次数超限"),
    CARD_NOT_ENABLED_ONLINE("1107", "您的银行卡暂不支持在线支付业务"),
    ID_NAME_OR_MOBILE_WRONG("1108", "您输入的证件号、姓名或手机号有误"),
    CARD_ID_MISMATCH("1109", "卡号和证件号不符"),
    CARD_STATUS_ABNORMAL("1110", "卡状态异常"),
    TRANSACTION_ABNORMAL("1111", "交易异常，支付失败"),
    ID_NO_WRONG("1112", "证件号有误"),
    HOLDER_NAME_WRONG("1113", "持卡人姓名有误"),
    MOBILE_WRONG("1114", "手机号有误"),
    CARD_WITHOUT_MOBILE("1115", "该卡未预留手机号"),
    BANK_NOT_SUPPORTED_CHOOSE_ANOTHER("1200", "用户选择的银行暂不支持，请重新选择其他银行进行支付/签约"),
    CARD_CHANGE_FAILED("1201", "银行卡变更失败"),
    CARD_QUERY_FAILED("1202", "银行卡查询失败"),
    BANK_NOT_SUPPORTED("1805", "暂不支持该银行"),
    SMS_CODE_CHECK_FAILED("1900", "短信码校验错误"),
    SMS_CODE_EXPIRED("1901", "短信码已失效"),
    PASSWORD_FREE_LIMIT_EXCEEDED("1902", "该卡交易金额超出免密限额"),
    PAYMENT_ORDER_CREATED("2003", "支付单创建"),
    BINDING_IN_PROGRESS("2004", "签约处理中"),
    ORIGINAL_IN_PROGRESS("2005", "原交易已在进行处理，请勿重复提交"),
    EXPIRED("2006", "交易已过期"),
    ALREADY_PAID("2007", "交易已支付成功"),
    TRANSACTION_IN_PROGRESS("2008", "交易处理中"),
    ILLEGAL_MERCHANT("3001", "非法商户"),
    USER_CREATION_FAILED("3002", "用户生成错误"),
    AGREEMENT_NOT_FOUND("3003", "签约信息不存在"),
    UNBIND_FAILED("3004", "用户解约失败"),
    QUERY_RANGE_TOO_LONG("3005", "查询跨度不得高于3个月"),
    USER_NOT_FOUND("3006", "用户不存在"),
    USER_ID_NOT_FOUND("3007", "[user_id]查询不存在"),
    QUERY_END_DATE_INVALID("3008", "查询截止日期错误"),
    DUPLICATE_BINDING("3009", "重复签约"),
    NO_PAYMENT_PERMISSION("3010", "商户支付权限不足"),
    USER_AGREEMENT_NOT_FOUND("3011", "用户签约信息不存在"),
    UNBIND_FAILED_CONTACT_ISSUER("4000", "解约失败，请联系发卡行"),
    ORDER_NOT_CONFIRMABLE("4001", "该订单不存在或非复核状态"),
    SUSPECTED_DUPLICATE("4002", "疑似重复提交订单"),
    NAME_CARD_MISMATCH("4003", "收款银行卡和姓名不一致"),
    DUPLICATE_AND_MISMATCH("4004", "疑似重复提交订单且收款银行卡和姓名不一致"),
    NO_INSTANT_PAY_PERMISSION("4005", "商户没有实时付款权限"),
    DECRYPT_ERROR("4007", "敏感信息解密异常"),
    CARD_BIN_CHECK_FAILED("5001", "卡bin校验失败"),
    ORIGINAL_NOT_FOUND("5002", "原始交易不存在"),
    REFUND_AMOUNT_WRONG("5003", "退款金额错误"),
    MERCHANT_CANNOT_REFUND("5004", "商户状态异常，无法退款"),
    REFUND_FAILED_RETRY("5005", "退款失败，请重试"),
    INSUFFICIENT_BALANCE("5006", "商户账户余额不足"),
    REFUNDS_EXCEED_ORIGINAL("5007", "累计退款金额大于原交易金额"),
    ORIGINAL_NOT_SUCCESSFUL("5008", "原交易未成功"),
    BANK_NUMBER_LOOKUP_FAILED("5501", "大额行号查询失败"),
    CREDIT_CARD_WITHDRAWAL_NOT_ALLOWED("5502", "信用卡不支持提现"),
    NO_WITHDRAWAL_PERMISSION("5503", "商户提现权限不足"),
    NO_OPERATION_PERMISSION("5504", "商户操作权限不足"),
    BANK_NOT_CONFIGURED("5505", "该银行未进行配置，请联系客服"),
    MEMO_UNPARSABLE("5506", "商户备注解析失败"),
    PAY_TYPE_CARD_MISMATCH("5601", "支付方式和卡类型不匹配"),
    CARD_INSUFFICIENT_FUNDS("6001", "卡余额不足"),
    CARD_NOT_FIRST_VERIFIED("6002", "该卡号未成功进行首次验证"),
    BANK_ENDPOINT_UNAVAILABLE("6601", "获取银行请求地址失败，请稍后重试"),
    USER_EXISTS("7001", "用户已存在"),
    AMOUNT_INCORRECT("7017", "金额不正确"),
    NEW_CARD_HOLDER_INCONSISTENT("7018", "新增银行卡用户信息不一致"),
    SHARING_DATA_INVALID("7119", "分账信息有误（分期付定期扣款）"),
    BINDING_INCOMPLETE("7777", "需要补全签约信息"),
    USER_INFO_NOT_FOUND("8000", "用户信息不存在"),
    FILE_INVALID("8001", "文件异常"),
    FILE_GENERATION_FAILED("8002", "生成文件异常"),
    FILE_PARSING_FAILED("8003", "解析文件异常"),
    EXCHANGE_ERROR("8006", "汇兑异常"),
    PAYER_NOT_FOUND("8010", "付款人信息不存在"),
    REAL_NAME_VERIFICATION_FAILED("8099", "实名认证失败"),
    REPAYMENT_PLAN_NOT_FOUND("8101", "无此扣款计划信息"),
    REPAYMENT_PLAN_ALREADY_EXECUTED("8102", "当前扣款计划已执行，请勿重复执行"),
    REPAYMENT_SMS_FAILED("8103", "还款计划通知短信发送失败"),
    DEBIT_FAILED("8104", "扣款失败"),
    REPAYMENT_CHANGES_EXCEEDED("8105", "变更还款次数超过限制"),
    PLAN_NOT_AUTHORISED("8106", "该签约协议号未授权该扣款协议号进行扣款"),
    PLAN_VALIDATION_FAILED("8107", "扣款计划校验失败"),
    PLAN_CHANGE_FAILED("8108", "变更计划失败"),
    PLAN_SAVE_FAILED("8109", "计划保存失败"),
    VERIFICATION_CODE_WRONG("8110", "验证码错误"),
    USER_QUERY_FAILED("8111", "用户查询失败"),
    PLAN_STATUS_CHANGE_FAILED("8112", "变更计划状态失败"),
    INSTALLMENT_PLAN_NOT_FOUND("8113", "分期计划不存在"),
    DEBIT_PAY_TYPE_MISMATCH("8114", "扣款方式不符"),
    REPAYMENT_CARD_AUTHORISATION_FAILED("8115", "还款卡授权失败"),
    SCHEDULED_JOB_FAILED("8116", "定时任务执行失败"),
    IDEMPOTENCY_CHECK_ERROR("8117", "幂等检查异常"),
    SMS_SENT_VERIFY_AGAIN("8888", "短信已下发，需要再次验证"),
    NO_RECORD("8901", "没有记录"),
    NO_RISK_RECORD("8911", "没有风控记录"),
    BANK_MAINTENANCE("9000", "银行维护中，请稍后再试"),
    MESSAGE_PARSING_ERROR("9002", "报文解析异常"),
    PAYMENT_CREATION_FAILED("9091", "创建支付失败"),
    PAYBILL_ORDER_MISMATCH("9092", "支付单号与订单号不一致"),
    PAYBILL_NOT_FOUND("9093", "无对应的支付单信息"),
    BANK_DEBIT_REQUEST_FAILED("9094", "请求银行扣款失败"),
    CORPORATE_BALANCE_INSUFFICIENT("9104", "对公账户余额不足"),
    SMS_VERIFICATION_CODE_WRONG("9700", "短信验证码错误"),
    SMS_VERIFICATION_CODE_PHONE_MISMATCH("9701", "短信验证码和手机不匹配"),
    SMS_VERIFICATION_CODE_TOO_MANY("9702", "验证码错误次数超过最大次数,请重新获取进行验证"),
    SMS_VERIFICATION_CODE_EXPIRED("9703", "短信验证码失效,请重新获取"),
    SMS_SEND_FAILED("9704", "短信发送异常,请稍后重试"),
    ILLEGAL_MESSAGE("9901", "请求报文非法"),
    INTERFACE_ERROR("9902", "接口调用异常"),
    REQUEST_INVALID("9903", "请求无效，请稍后重试"),
    BANK_CODE_CARD_MISMATCH("9907", "银行编码与卡不一致"),
    RISK_TOO_HIGH("9910", "风险等级过高"),
    AMOUNT_ABOVE_QUOTA("9911", "金额超过指定额度"),
    CARD_NOT_SUPPORTED("9912", "该卡暂不支持"),
    CARD_ALREADY_BOUND("9913", "该卡已签约成功"),
    REFUND_FAILED("9920", "退款失败"),
    REFUND_QUERY_FAILED("9921", "退款查询失败"),
    BANK_END_OF_DAY("9970", "银行系统日切处理中"),
    DUPLICATE_NO_ORDER("9983", "商户订单号重复"),
    BANK_ERROR("9990", "银行交易出错，{银行返回的错误信息}，请稍后重试"),
    BANK_ERROR_CONTACT_SUPPORT("9991", "银行交易出错，请联系客服，客服热线客服热线：4000188888"),
    SYSTEM_ERROR("9999", "系统错误"),

    // Instant-payment codes found only in the official Java SDK, not in the docs.
    ENCRYPT_ERROR("4006", "敏感信息加密异常"),
    CONFIRM_CODE_TOO_MANY("4008", "验证码次数超限"),
    CONFIRM_CODE_ERROR("4009", "验证码异常"),
    CONFIRM_CODE_EXPIRED("4010", "验证码失效"),
    CONFIRM_CODE_MISMATCH("4011", "验证码不匹配"),
    CARD_LOOKUP_ERROR("4012", "银行卡查询异常"),
    ACCOUNT_ERROR("4103", "账户异常"),
    PAYOUT_ORDER_CREATION_FAILED("4104", "付款订单创建失败"),
    PAYOUT_BANK_NUMBER_LOOKUP_FAILED("4105", "大额行号查询失败");

    private static final String FIELD_PLACEHOLDER = "具体参数名";
    private static final Map<String, RetCode> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(RetCode::code, Function.identity()));

    private final String code;
    private final String message;

    RetCode(String code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The four-digit {@code ret_code}. */
    public String code() {
        return code;
    }

    /** The {@code ret_msg} exactly as the documentation writes it. */
    public String message() {
        return message;
    }

    /**
     * The {@code ret_msg} naming the offending field: only {@link #PARAM_ERROR} carries a
     * field placeholder, every other code returns {@link #message()}.
     */
    public String message(String field) {
        if (this != PARAM_ERROR || field == null) {
            return message;
        }
        return message.replace(FIELD_PLACEHOLDER, field);
    }

    /**
     * The field a {@code 1004} {@code ret_msg} names, as in {@code 商户请求参数校验错误（memo）}; empty for
     * any other text. Full-width brackets are what the documentation writes; ASCII ones are accepted too.
     */
    public static Optional<String> fieldIn(String retMsg) {
        String prefix = PARAM_ERROR.message.substring(0, PARAM_ERROR.message.indexOf(FIELD_PLACEHOLDER) - 1);
        if (retMsg == null || !retMsg.startsWith(prefix) || retMsg.length() < prefix.length() + 3) {
            return Optional.empty();
        }
        char open = retMsg.charAt(prefix.length());
        char close = retMsg.charAt(retMsg.length() - 1);
        boolean bracketed = open == '（' && close == '）' || open == '(' && close == ')';
        String field = retMsg.substring(prefix.length() + 1, retMsg.length() - 1).trim();
        return bracketed && !field.isEmpty() && !field.equals(FIELD_PLACEHOLDER) ? Optional.of(field) : Optional.empty();
    }

    /** The return code with this {@code ret_code}, if it is one we know. */
    public static Optional<RetCode> of(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }
}
