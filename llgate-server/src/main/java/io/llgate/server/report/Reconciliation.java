package io.llgate.server.report;

import io.llgate.server.kernel.EntryKind;
import io.llgate.server.kernel.Money;
import io.llgate.server.kernel.ReportRow;
import io.llgate.protocol.Amounts;
import io.llgate.server.ledger.BusinessCalendar;
import io.llgate.server.ledger.BusinessDays;
import io.llgate.server.ledger.DayNotEndedException;
import io.llgate.server.ledger.Ledger;
import io.llgate.server.ledger.Movement;
import io.llgate.server.merchant.Merchant;
import io.llgate.server.merchant.Merchants;
import io.llgate.server.merchant.RefundPaybillColumn;
import io.llgate.server.merchant.ReportLayout;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * The reconciliation check of one business day, per merchant: the daily detail file as published, in either
 * layout (or as it would be generated, when none is), the ledger's entries of the day, and the products'
 * successful payments and refunds of the day must tell the same story. Every disagreement is one
 * {@link Difference}.
 */
public final class Reconciliation {
    private final Jdbi jdbi;
    private final Clock clock;
    private final BusinessCalendar calendar;
    private final Ledger ledger;
    private final Merchants merchants;
    private final ReportFiles files;

    public Reconciliation(Jdbi jdbi, Clock clock, Ledger ledger, Merchants merchants, ReportFiles files) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.calendar = ledger.calendar();
        this.ledger = ledger;
        this.merchants = merchants;
        this.files = files;
    }

    /** The kinds of disagreement. */
    public enum Category {
        /** A successful payment or refund that the report does not list. */
        MISSING_IN_REPORT,
        /** A successful payment or refund without its ledger entry on that business day. */
        MISSING_IN_LEDGER,
        /** A report line or a ledger entry without a successful payment or refund behind it. */
        MISSING_IN_ORDERS,
        /** The report or the ledger gives another amount than the order or refund. */
        AMOUNT_MISMATCH,
        /** The report or the ledger gives another currency or exchange rate than the order or refund. */
        CURRENCY_MISMATCH,
        /** The report gives a payment a refund's status, or the other way round. */
        STATUS_MISMATCH,
        /** The report or the ledger gives another fee than the order or refund. */
        FEE_MISMATCH,
        /** A line of the report cannot be read at all. */
        UNREADABLE_REPORT
    }

    /** One disagreement, with what identifies the transaction and what each side says. */
    public record Difference(Category category, String noOrder, String oidPaybill, String reference, String detail) {
    }

    /**
     * One merchant's check: which report was compared ({@code published} revision, or generated now), how many
     * lines, rows and entries each side had, and the differences.
     */
    public record MerchantCheck(String oidPartner, String reportName, boolean published, int reportRevision,
                                int reportLines, int orderRows, int ledgerEntries, List<Difference> differences) {
    }

    /** A day's check over the merchants asked for. */
    public record Result(String settleDate, int differenceCount, List<MerchantCheck> merchants) {
    }

    /** Checks a business day that has ended, for one merchant or every merchant that existed by its end. */
    public Result check(LocalDate day, Optional<Merchant> merchant) {
        DayNotEndedException.requireEnded(calendar, "business day " + BusinessDays.format(day), day, clock.instant());
        List<Merchant> checked = merchant.map(List::of).orElseGet(() -> merchants.list().stream()
                .filter(m -> m.createdAt().isBefore(calendar.end(day))).toList());
        List<MerchantCheck> results = new ArrayList<>();
        for (Merchant m : checked) {
            results.add(check(day, m));
        }
        return new Result(BusinessDays.format(day), results.stream().mapToInt(r -> r.differences().size()).sum(),
                results);
    }

    private MerchantCheck check(LocalDate day, Merchant m) {
        String period = BusinessDays.format(day);
        Optional<ReportFiles.FileContent> published = files.find(m.oidPartner(), ReportKind.DAILY, period, Optional.empty());
        String report = published.map(ReportFiles.FileContent::text)
                .orElseGet(() -> new String(files.render(m, ReportKind.DAILY, period), StandardCharsets.UTF_8));
        ReportFormat.Parsed parsed = ReportFormat.parse(report);
        Sides sides = jdbi.inTransaction(h -> {
            List<ReportRow> orders = new ArrayList<>(files.rows(h, m, day, day).stream()
                    .filter(ReportFormat::listed).toList());
            orders.sort(ReportFormat.ORDER);
            return new Sides(orders, ledger.movements(h, m.id(), period));
        });

        // A refund line's oid_paybill is its no_order, or its oid_refundno when the merchant chose so (T4): the
        // file may have been published under either choice.
        Set<String> refundNumbers = sides.orders().stream().filter(r -> r.kind() == ReportRow.Kind.REFUND)
                .map(ReportRow::refundNumber).collect(Collectors.toSet());
        Predicate<ReportFormat.Line> refundLine = line -> line.paybill().equals(line.noOrder())
                || refundNumbers.contains(line.paybill());
        List<Difference> differences = new ArrayList<>();
        parsed.problems().forEach(p -> differences.add(new Difference(Category.UNREADABLE_REPORT, null, null, null, p)));

        Map<String, Match> byKey = new LinkedHashMap<>();
        Occurrences orderKeys = new Occurrences();
        for (ReportRow row : sides.orders()) {
            byKey.computeIfAbsent(orderKeys.next(key(row)), k -> new Match()).order = row;
        }
        Occurrences lineKeys = new Occurrences();
        for (ReportFormat.Line line : parsed.lines()) {
            byKey.computeIfAbsent(lineKeys.next(key(line, refundLine.test(line))), k -> new Match()).line = line;
        }
        Map<String, List<Movement>> ledgerByReference = new LinkedHashMap<>();
        sides.movements().forEach(mv -> ledgerByReference.computeIfAbsent(mv.reference(), r -> new ArrayList<>()).add(mv));

        for (Match match : byKey.values()) {
            if (match.order == null) {
                ReportFormat.Line line = match.line;
                boolean refund = refundLine.test(line);
                differences.add(new Difference(Category.MISSING_IN_ORDERS, line.noOrder(), refund ? null : line.paybill(),
                        null, "report line " + line.number() + " has no successful " + (refund ? "refund" : "payment")
                                + " of business day " + period));
                continue;
            }
            ReportRow row = match.order;
            if (match.line == null) {
                differences.add(difference(Category.MISSING_IN_REPORT, row, "the report does not list this "
                        + what(row)));
            } else {
                compareWithReport(row, match.line, differences);
            }
            compareWithLedger(row, ledgerByReference.getOrDefault(row.ledgerReference(), new ArrayList<>()), period,
                    differences);
        }
        ledgerByReference.forEach((reference, left) -> {
            for (Movement mv : left) {
                differences.add(new Difference(Category.MISSING_IN_ORDERS, null, null, reference, "ledger entry "
                        + mv.kind() + " " + reference + " of " + Amounts.format(mv.amount())
                        + (mv.currency().equals(Money.CNY) ? "" : " " + mv.currency().getCurrencyCode())
                        + " has no successful payment or refund of business day " + period));
            }
        });
        return new MerchantCheck(m.oidPartner(), ReportKind.DAILY.fileName(m.oidPartner(), period),
                published.isPresent(), published.map(f -> f.file().revision()).orElse(0), parsed.lines().size(),
                sides.orders().size(), sides.movements().size(), differences);
    }

    private record Sides(List<ReportRow> orders, List<Movement> movements) {
    }

    /** A transaction as each side shows it; null where a side does not. */
    private static final class Match {
        ReportRow order;
        ReportFormat.Line line;
    }

    /**
     * Compares what either layout says of the transaction: its currencies and rate, its amounts, its status and its
     * fee. What the line should say is the line the row makes in that layout.
     */
    private static void compareWithReport(ReportRow row, ReportFormat.Line line, List<Difference> differences) {
        boolean refund = row.kind() == ReportRow.Kind.REFUND;
        String fee = Amounts.format(refund ? -row.fee() : row.fee());
        String status = refund ? ReportFormat.REFUNDED : ReportFormat.PAID;
        String where = "report line " + line.number() + " ";
        List<String> expected = line.at().layout() == ReportLayout.CSV
                ? CsvReportFormat.columns("", RefundPaybillColumn.NO_ORDER, row)
                : ReportFormat.columns("", RefundPaybillColumn.NO_ORDER, row);
        for (int column : line.at().currencies()) {
            if (!line.column(column).equals(expected.get(column - 1))) {
                differences.add(difference(Category.CURRENCY_MISMATCH, row, where + "column " + column + " says '"
                        + line.column(column) + "', the " + what(row) + " " + expected.get(column - 1)));
                break;
            }
        }
        if (line.at().rate() > 0 && !sameAmount(line.column(line.at().rate()), row.exchangeRate())) {
            differences.add(difference(Category.CURRENCY_MISMATCH, row, where + "says exchange_rate '"
                    + line.column(line.at().rate()) + "', the " + what(row) + " " + row.exchangeRate()));
        }
        for (int column : line.at().amounts()) {
            if (!sameAmount(line.column(column), expected.get(column - 1))) {
                differences.add(difference(Category.AMOUNT_MISMATCH, row, where + "column " + column + " says '"
                        + line.column(column) + "', the " + what(row) + " " + expected.get(column - 1)));
                break;
            }
        }
        if (!line.status().equals(status)) {
            differences.add(difference(Category.STATUS_MISMATCH, row, where + "says transaction_status '"
                    + line.status() + "', the " + what(row) + " " + status));
        }
        if (!sameAmount(line.fee(), fee)) {
            differences.add(difference(Category.FEE_MISMATCH, row, where + "says transaction_fee '" + line.fee()
                    + "', the " + what(row) + " " + fee));
        }
    }

    /**
     * Takes the row's ledger entry out of {@code entries} and compares it; what is left is reported later. The entry
     * must move the row's amount and fee in the row's currency, and its yuan side what the payer paid or got back.
     */
    private static void compareWithLedger(ReportRow row, List<Movement> entries, String period,
                                          List<Difference> differences) {
        EntryKind kind = row.kind() == ReportRow.Kind.REFUND ? EntryKind.REFUND : EntryKind.PAYMENT_RECEIPT;
        Optional<Movement> entry = take(entries, kind);
        if (entry.isEmpty()) {
            differences.add(difference(Category.MISSING_IN_LEDGER, row, "no ledger entry " + kind + " "
                    + row.ledgerReference() + " on business day " + period));
            return;
        }
        Movement mv = entry.get();
        if (!mv.currency().equals(row.currency())) {
            differences.add(difference(Category.CURRENCY_MISMATCH, row, "the ledger moved " + mv.currency()
                    + ", the " + what(row) + " is in " + row.currency()));
            return;
        }
        // CNY amounts read as they always did; another currency's are labelled.
        String currency = row.foreign() ? " " + row.currency().getCurrencyCode() : "";
        if (mv.amount() != row.amount()) {
            differences.add(difference(Category.AMOUNT_MISMATCH, row, "the ledger moved " + Amounts.format(mv.amount())
                    + currency + ", the " + what(row) + " is " + Amounts.format(row.amount()) + currency));
        } else if (mv.moneyPay() != row.moneyPay()) {
            differences.add(difference(Category.AMOUNT_MISMATCH, row, "the ledger moved "
                    + Amounts.format(mv.moneyPay()) + " CNY with the payer's bank, the " + what(row) + " "
                    + Amounts.format(row.moneyPay()) + " CNY"));
        }
        if (mv.fee() != row.fee()) {
            differences.add(difference(Category.FEE_MISMATCH, row, "the ledger's fee is " + Amounts.format(mv.fee())
                    + currency + ", the " + what(row) + "'s " + Amounts.format(row.fee()) + currency));
        }
    }

    private static Optional<Movement> take(List<Movement> entries, EntryKind kind) {
        for (Iterator<Movement> it = entries.iterator(); it.hasNext(); ) {
            Movement mv = it.next();
            if (mv.kind().equals(kind)) {
                it.remove();
                return Optional.of(mv);
            }
        }
        return Optional.empty();
    }

    /**
     * What a transaction is matched by: a payment by its {@code oid_paybill}, a refund by its original
     * {@code no_order} and the second it succeeded, which every file of either layout has whatever its
     * {@code oid_paybill} column holds (T4).
     */
    private static String key(ReportRow row) {
        return row.kind() == ReportRow.Kind.REFUND
                ? "refund:" + row.noOrder() + "@" + ReportFormat.time(row.updatedAt())
                : "payment:" + row.oidPaybill();
    }

    private static String key(ReportFormat.Line line, boolean refund) {
        return refund ? "refund:" + line.noOrder() + "@" + line.updated() : "payment:" + line.paybill();
    }

    /** A refund line repeats the no_order in column 5, where a payment line has its oid_paybill. */
    private static Difference difference(Category category, ReportRow row, String detail) {
        return new Difference(category, row.noOrder(), row.oidPaybill(), row.ledgerReference(), detail);
    }

    private static String what(ReportRow row) {
        return row.kind() == ReportRow.Kind.REFUND ? "refund" : "payment";
    }

    private static boolean sameAmount(String text, String expected) {
        try {
            return new BigDecimal(text).compareTo(new BigDecimal(expected)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Numbers repeated keys in order, so that two refunds of one order in the same second still pair up. */
    private static final class Occurrences {
        private final Map<String, Integer> seen = new HashMap<>();

        String next(String key) {
            int n = seen.merge(key, 1, Integer::sum);
            return key + "#" + n;
        }
    }
}
