package io.llgate.server.report;

import io.llgate.server.kernel.ReportRow;
import io.llgate.server.merchant.RefundPaybillColumn;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The CSV layout of 13 §5, byte for byte as LianLian's SFTP delivers it (the samples it published): UTF-8 without
 * a byte order mark, fields joined by a bare {@code ,} and never quoted, the Chinese header first, {@code \n} after
 * every line including the last; amounts in yuan without padding ({@code 521.6}, {@code 1}).
 */
final class CsvReportFormat {
    /** The header of the {@code JYMX_} files, as in LianLian's samples. */
    static final String DETAIL_HEADER = "商户订单号,商户号,商户订单时间,商户业务编号,银通订单号,银通账务日期,订单金额,"
            + "商户收款标志(0收款 1付款),交易状态(0-成功 5-已退款),更新时间,手续费,支付产品,支付方式,订单信息";
    /** The header of the {@code FKMX_} files: two spellings differ from the detail's, and three payee columns follow. */
    static final String PAYOUT_HEADER = "商户订单号,商户号,商户订单时间,商户业务编号,银通订单号,银通账务日期,订单金额,"
            + "商户收付款标志(0收款 1付款),交易状态(0-成功 5-退款),更新时间,手续费,支付产品,支付方式,订单信息,"
            + "收款方银行,收款方账号,收款方名称";
    static final int DETAIL_COLUMNS = 14;
    static final int PAYOUT_COLUMNS = 17;
    /** 商户收付款标志: money the merchant received, or paid out. */
    static final String RECEIVED = "0";
    static final String PAID_OUT = "1";
    /** The busi_partner LianLian's payout files write: payouts carry none of their own. */
    static final String PAYOUT_BUSI_PARTNER = "202000";
    /** 支付方式 of a payout, as in LianLian's samples: paid from the merchant's balance. */
    static final String BALANCE = "余额支付";
    /** 支付方式 of each pay_type a payment can have; LianLian names only its own products', so these are LLGate's. */
    private static final Map<String, String> PAY_TYPES = Map.of(
            "1", "网银支付(借记卡)",
            "8", "网银支付(信用卡)",
            "9", "企业网银支付");
    /** Characters that would split a field or a line; an unquoted CSV has no way to hold them. */
    private static final Pattern BREAKS = Pattern.compile("[,\"\\r\\n]");

    private CsvReportFormat() {
    }

    /** A daily or monthly {@code JYMX_} file: the header, then one line per payment or refund. */
    static String detail(String oidPartner, RefundPaybillColumn refundColumn, List<ReportRow> rows) {
        StringBuilder file = new StringBuilder(DETAIL_HEADER).append('\n');
        rows.stream().filter(ReportFormat::listed).sorted(ReportFormat.ORDER)
                .forEach(row -> file.append(String.join(",", columns(oidPartner, refundColumn, row))).append('\n'));
        return file.toString();
    }

    /** A daily or monthly {@code FKMX_} file: the header, then one line per paid payout and one per reversal. */
    static String payouts(String oidPartner, PayeeBanks banks, List<ReportRow> rows) {
        StringBuilder file = new StringBuilder(PAYOUT_HEADER).append('\n');
        rows.stream().filter(CsvReportFormat::payout).sorted(ReportFormat.ORDER)
                .forEach(row -> file.append(String.join(",", payoutColumns(oidPartner, banks, row))).append('\n'));
        return file.toString();
    }

    /** Whether the row is a line of the payout files. */
    static boolean payout(ReportRow row) {
        return row.kind() == ReportRow.Kind.PAYOUT || row.kind() == ReportRow.Kind.CANCELLED_PAYOUT;
    }

    /** The 14 fields of a {@code JYMX_} line; a refund is negative with status 5 and col. 5 as the merchant chose (T4). */
    static List<String> columns(String oidPartner, RefundPaybillColumn refundColumn, ReportRow row) {
        boolean refund = row.kind() == ReportRow.Kind.REFUND;
        List<String> c = new ArrayList<>(DETAIL_COLUMNS);
        c.add(row.noOrder());
        c.add(oidPartner);
        c.add(ReportFormat.time(row.dtOrder()));
        c.add(row.busiPartner());
        c.add(!refund ? row.oidPaybill()
                : refundColumn == RefundPaybillColumn.OID_REFUNDNO ? row.refundNumber() : row.noOrder());
        c.add(row.settleDate());
        c.add(amount(refund ? -row.amount() : row.amount()));
        c.add(RECEIVED);
        c.add(refund ? ReportFormat.REFUNDED : ReportFormat.PAID);
        c.add(ReportFormat.time(row.updatedAt()));
        c.add(amount(refund ? -row.fee() : row.fee()));
        c.add(row.payProduct().channelName());
        c.add(PAY_TYPES.getOrDefault(row.payType(), row.payType()));
        c.add(row.infoOrder());
        return c.stream().map(CsvReportFormat::field).toList();
    }

    /**
     * The 17 fields of a {@code FKMX_} line. A reversal is negative with status 5 (退款: the money came back). The
     * payee's account and name stay empty, as in every line LianLian published: they are sealed at rest.
     */
    static List<String> payoutColumns(String oidPartner, PayeeBanks banks, ReportRow row) {
        boolean reversed = row.kind() == ReportRow.Kind.CANCELLED_PAYOUT;
        List<String> c = new ArrayList<>(PAYOUT_COLUMNS);
        c.add(row.noOrder());
        c.add(oidPartner);
        c.add(ReportFormat.time(row.dtOrder()));
        c.add(PAYOUT_BUSI_PARTNER);
        c.add(row.oidPaybill());
        c.add(row.settleDate());
        c.add(payoutAmount(reversed ? -row.amount() : row.amount()));
        c.add(PAID_OUT);
        c.add(reversed ? ReportFormat.REFUNDED : ReportFormat.PAID);
        c.add(ReportFormat.time(row.updatedAt()));
        c.add(payoutAmount(reversed ? -row.fee() : row.fee()));
        c.add(row.payProduct().channelName());
        c.add(BALANCE);
        c.add(row.infoOrder());
        c.add(banks.name(row.payeeBankCode()).orElse(null));
        c.add(null);
        c.add(null);
        return c.stream().map(CsvReportFormat::field).toList();
    }

    /** Fen as yuan without padding: {@code 52160} is {@code 521.6}, {@code 100} is {@code 1}, {@code 10} is {@code 0.1}. */
    static String amount(long fen) {
        return BigDecimal.valueOf(fen, 2).stripTrailingZeros().toPlainString();
    }

    /** As {@link #amount}, but a value below 1 has no leading zero, as the payout files write fees: {@code .6}. */
    static String payoutAmount(long fen) {
        String text = amount(fen);
        if (text.startsWith("0.")) {
            return text.substring(1);
        }
        return text.startsWith("-0.") ? "-" + text.substring(2) : text;
    }

    /** A field as written: nothing for a missing value, and no character that would break the line. */
    static String field(String value) {
        return value == null ? "" : BREAKS.matcher(value).replaceAll(" ");
    }
}
