package io.llgate.server.report;

import io.llgate.server.merchant.ReportLayout;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The report files of 13 §1, and the payout files of §5, and their names. */
public enum ReportKind {
    /** {@code JYMX_{oid_partner}_{yyyyMMdd}.txt}: one business day's transactions. */
    DAILY("JYMX", 8),
    /** {@code JYMXSUM_{oid_partner}_{yyyyMMdd}.txt}: one business day's counts and totals. */
    SUMMARY("JYMXSUM", 8),
    /** {@code JYMX_{oid_partner}_{yyyyMM}.txt}: one month's transactions. */
    MONTHLY("JYMX", 6),
    /** {@code FKMX_{oid_partner}_{yyyyMMdd}.txt}: one business day's payouts, in the CSV layout only (13 §5). */
    PAYOUT_DAILY("FKMX", 8),
    /** {@code FKMX_{oid_partner}_{yyyyMM}.txt}: one month's payouts, in the CSV layout only. */
    PAYOUT_MONTHLY("FKMX", 6);

    private static final Pattern NAME = Pattern.compile("(JYMX|JYMXSUM|FKMX)_(\\d{18})_(\\d{8}|\\d{6})\\.txt");

    private final String prefix;
    private final int periodDigits;

    ReportKind(String prefix, int periodDigits) {
        this.prefix = prefix;
        this.periodDigits = periodDigits;
    }

    /** The files a merchant gets for each business day: the payout file too in the CSV layout. */
    public static Set<ReportKind> ofDay(ReportLayout layout) {
        return layout == ReportLayout.CSV ? EnumSet.of(DAILY, SUMMARY, PAYOUT_DAILY) : EnumSet.of(DAILY, SUMMARY);
    }

    /** The files a merchant gets for each month. */
    public static Set<ReportKind> ofMonth(ReportLayout layout) {
        return layout == ReportLayout.CSV ? EnumSet.of(MONTHLY, PAYOUT_MONTHLY) : EnumSet.of(MONTHLY);
    }

    /** Whether the file lists payouts ({@code FKMX_}) rather than payments and refunds. */
    public boolean payouts() {
        return this == PAYOUT_DAILY || this == PAYOUT_MONTHLY;
    }

    /** {@code JYMX}, {@code JYMXSUM} or {@code FKMX}: what the file name starts with. */
    public String prefix() {
        return prefix;
    }

    /** Whether the period is a business day ({@code yyyyMMdd}) rather than a month ({@code yyyyMM}). */
    public boolean daily() {
        return periodDigits == 8;
    }

    public String fileName(String oidPartner, String period) {
        return prefix + "_" + oidPartner + "_" + period + ".txt";
    }

    /** A file name split into its parts. */
    public record FileName(ReportKind kind, String oidPartner, String period) {
        @Override
        public String toString() {
            return kind.fileName(oidPartner, period);
        }
    }

    /** The parts of a report file name, or empty when it is not one. */
    public static Optional<FileName> parseName(String name) {
        Matcher m = NAME.matcher(name == null ? "" : name.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return byPrefix(m.group(1), m.group(3).length()).map(kind -> new FileName(kind, m.group(2), m.group(3)));
    }

    /**
     * The kind a prefix and a period length name: {@code JYMX} or {@code FKMX} with a day or a month,
     * {@code JYMXSUM} with a day.
     */
    public static Optional<ReportKind> byPrefix(String prefix, int periodDigits) {
        for (ReportKind kind : values()) {
            if (kind.prefix.equals(prefix) && kind.periodDigits == periodDigits) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
