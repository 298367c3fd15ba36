package io.llgate.server.report;

import io.llgate.server.kernel.ReportRow;
import io.llgate.protocol.Amounts;
import io.llgate.protocol.WireTime;
import io.llgate.server.merchant.RefundPaybillColumn;
import io.llgate.server.merchant.ReportLayout;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The line formats of 13 §2 and §3, byte for byte: UTF-8, fields joined by a bare {@code |} (T1), {@code \n}
 * after every line including the last, the detail files' header first (T3), no header in the summary. The CSV
 * layout's detail and payout files are {@link CsvReportFormat}'s; the summary is this class's in both layouts.
 */
public final class ReportFormat {
    /** The detail files' first line; it spells {@code currency_pay} where LianLian's header has a typo (T2). */
    public static final String HEADER = "no_order|oid_partner|dt_order|busi_partner|oid_paybill|settle_date|"
            + "currency_order|money_order|currency_pay|money_pay|currency_settle|money_settle|exchange_rate|"
            + "transaction_status|dt_update|transaction_fee|pay_product|pay_type|info_order";
    public static final int COLUMNS = 19;
    /** The payer's currency: payers always pay yuan, also for an order priced in another currency. */
    static final String CURRENCY_PAY = "CNY";
    static final String PAID = "0";
    static final String REFUNDED = "5";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuuMMdd HH:mm:ss")
            .withZone(WireTime.BEIJING);
    private static final Pattern WIRE_TIME = Pattern.compile("\\d{14}");
    /** Characters that would split a field or a line (T6). */
    private static final Pattern BREAKS = Pattern.compile("[|\\r\\n]");
    /** The order of rows in a file: by business day, then by the time each reached its state. */
    static final Comparator<ReportRow> ORDER = Comparator.comparing(ReportRow::settleDate)
            .thenComparing(ReportRow::updatedAt)
            .thenComparing(ReportRow::kind)
            .thenComparing(ReportRow::ledgerReference);

    private ReportFormat() {
    }

    /**
     * A daily or monthly detail file: the header, then one line per payment or refund; {@code refundColumn} is what
     * a refund row writes in column 5 (T4).
     */
    public static String detail(String oidPartner, RefundPaybillColumn refundColumn, List<ReportRow> rows) {
        StringBuilder file = new StringBuilder(HEADER).append('\n');
        rows.stream().filter(ReportFormat::listed).sorted(ORDER)
                .forEach(row -> file.append(String.join("|", columns(oidPartner, refundColumn, row))).append('\n'));
        return file.toString();
    }

    /**
     * The daily summary's one line (13 §3): the count of all transactions, then count and total of the
     * successful, the refunded and the cancelled ones. A total is left empty when its count is 0 (T5) and has
     * two decimals; in the CSV layout it is {@code 0} and unpadded, as LianLian's sample {@code 1|1|521.6|0|0|0|0}.
     * Totals are yuan: a row priced in another currency counts what the payer paid or got back ({@code money_pay}).
     */
    public static String summary(ReportLayout layout, List<ReportRow> rows) {
        Tally paid = new Tally();
        Tally refunded = new Tally();
        Tally cancelled = new Tally();
        for (ReportRow row : rows) {
            switch (row.kind()) {
                case PAYMENT -> paid.add(row.moneyPay());
                case REFUND -> refunded.add(-row.moneyPay());
                case CANCELLED_PAYOUT -> cancelled.add(-row.moneyPay());
                case PAYOUT -> { }
            }
        }
        return String.join("|", Long.toString(paid.count + refunded.count + cancelled.count),
                Long.toString(paid.count), paid.total(layout), Long.toString(refunded.count), refunded.total(layout),
                Long.toString(cancelled.count), cancelled.total(layout)) + "\n";
    }

    /** Whether the row is a line of the detail files: payments and refunds are, payouts are not. */
    static boolean listed(ReportRow row) {
        return row.kind() == ReportRow.Kind.PAYMENT || row.kind() == ReportRow.Kind.REFUND;
    }

    /**
     * The 19 fields of a detail line. A refund's amounts and fee are negated, and its col. 5 is the original
     * no_order or, when the merchant chose so, the refund's oid_refundno (T4). The order and settlement currency are
     * the row's, the payer's is CNY. A CNY row repeats its amount in all three amount columns, as 13 §2's example
     * does; a row priced in another currency has what the payer paid in yuan as {@code money_pay}, and the amount
     * less the fee as {@code money_settle} (23 X3): {@code transaction_fee} is in the settlement currency then.
     */
    static List<String> columns(String oidPartner, RefundPaybillColumn refundColumn, ReportRow row) {
        boolean refund = row.kind() == ReportRow.Kind.REFUND;
        long sign = refund ? -1 : 1;
        String amount = Amounts.format(sign * row.amount());
        String currency = row.currency().getCurrencyCode();
        List<String> c = new ArrayList<>(COLUMNS);
        c.add(row.noOrder());
        c.add(oidPartner);
        c.add(time(row.dtOrder()));
        c.add(row.busiPartner());
        c.add(!refund ? row.oidPaybill()
                : refundColumn == RefundPaybillColumn.OID_REFUNDNO ? row.refundNumber() : row.noOrder());
        c.add(row.settleDate());
        c.add(currency);
        c.add(amount);
        c.add(CURRENCY_PAY);
        c.add(Amounts.format(sign * row.moneyPay()));
        c.add(currency);
        c.add(row.foreign() ? Amounts.format(sign * (row.amount() - row.fee())) : amount);
        c.add(row.exchangeRate());
        c.add(refund ? REFUNDED : PAID);
        c.add(time(row.updatedAt()));
        c.add(Amounts.format(refund ? -row.fee() : row.fee()));
        c.add(row.payProduct().payProduct());
        c.add(row.payType());
        c.add(row.infoOrder());
        return c.stream().map(ReportFormat::field).toList();
    }

    /** A field as written: nothing for a missing value, and no character that would break the line (T6). */
    static String field(String value) {
        return value == null ? "" : BREAKS.matcher(value).replaceAll(" ");
    }

    /** A wire time {@code yyyyMMddHHmmss} as the files write it, {@code yyyyMMdd HH:mm:ss}. */
    static String time(String wireTime) {
        if (wireTime == null || !WIRE_TIME.matcher(wireTime).matches()) {
            return wireTime;
        }
        return wireTime.substring(0, 8) + " " + wireTime.substring(8, 10) + ":" + wireTime.substring(10, 12) + ":"
                + wireTime.substring(12, 14);
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    /**
     * Where a detail file's layout puts what reconciliation compares, one-based: the documented 19 columns, or the
     * CSV layout's 14 (its amount once, where the documented layout has the three currencies, their amounts and the
     * rate; the CSV layout has neither currencies nor rate, {@code rate} 0).
     */
    public record DetailColumns(ReportLayout layout, int count, int noOrder, int paybill, List<Integer> amounts,
                                List<Integer> currencies, int rate, int status, int updated, int fee) {
        static final DetailColumns DOC = new DetailColumns(ReportLayout.DOC, COLUMNS, 1, 5, List.of(8, 10, 12),
                List.of(7, 9, 11), 13, 14, 15, 16);
        static final DetailColumns CSV = new DetailColumns(ReportLayout.CSV, CsvReportFormat.DETAIL_COLUMNS, 1, 5,
                List.of(7), List.of(), 0, 9, 10, 11);
    }

    /** One line of a detail file as read back: its line number (the header is line 1) and its fields, trimmed. */
    public record Line(int number, List<String> columns, DetailColumns at) {
        public String column(int oneBased) {
            return columns.get(oneBased - 1);
        }

        public String noOrder() {
            return column(at.noOrder());
        }

        public String paybill() {
            return column(at.paybill());
        }

        public String status() {
            return column(at.status());
        }

        public String updated() {
            return column(at.updated());
        }

        public String fee() {
            return column(at.fee());
        }
    }

    /** A detail file read back: its layout, its lines, and what could not be read. */
    public record Parsed(ReportLayout layout, List<Line> lines, List<String> problems) {
    }

    /**
     * Reads a detail file in either layout, told apart by its header, as a tolerant reader would: fields trimmed
     * (T1), either spelling of {@code currency_pay} (T2), lines ending {@code \n} or {@code \r\n}.
     */
    public static Parsed parse(String content) {
        List<Line> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] raw = content.split("\r?\n", -1);
        int count = raw.length;
        if (count > 0 && raw[count - 1].isEmpty()) {
            count--;
        }
        boolean csv = count > 0 && raw[0].trim().equals(CsvReportFormat.DETAIL_HEADER);
        DetailColumns at = csv ? DetailColumns.CSV : DetailColumns.DOC;
        String separator = csv ? "," : "\\|";
        if (!csv && (count == 0 || !normalHeader(raw[0]).equals(HEADER))) {
            problems.add("line 1 is not the header " + HEADER + " nor " + CsvReportFormat.DETAIL_HEADER);
        }
        for (int i = 1; i < count; i++) {
            String[] fields = raw[i].split(separator, -1);
            if (fields.length != at.count()) {
                problems.add("line " + (i + 1) + " has " + fields.length + " fields, not " + at.count());
                continue;
            }
            List<String> columns = new ArrayList<>(at.count());
            for (String f : fields) {
                columns.add(f.trim());
            }
            lines.add(new Line(i + 1, columns, at));
        }
        return new Parsed(at.layout(), lines, problems);
    }

    private static String normalHeader(String line) {
        return String.join("|", Arrays.stream(line.split("\\|", -1)).map(String::trim)
                .map(f -> f.equals("currenty_pay") ? "currency_pay" : f).toList());
    }

    private static final class Tally {
        long count;
        long total;

        void add(long amount) {
            count++;
            total += amount;
        }

        String total(ReportLayout layout) {
            if (layout == ReportLayout.CSV) {
                return CsvReportFormat.amount(total);
            }
            return count == 0 ? "" : Amounts.format(total);
        }
    }
}
