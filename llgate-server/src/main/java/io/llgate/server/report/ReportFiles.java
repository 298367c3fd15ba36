package io.llgate.server.report;

import io.llgate.server.kernel.ReportRowSource;
import io.llgate.server.kernel.ReportRow;
import io.llgate.server.http.FileReply;
import io.llgate.server.ledger.BusinessCalendar;
import io.llgate.server.ledger.BusinessDays;
import io.llgate.server.ledger.DayNotEndedException;
import io.llgate.server.merchant.Merchant;
import io.llgate.server.merchant.Merchants;
import io.llgate.server.merchant.ReportLayout;
import io.llgate.server.store.Columns;
import io.llgate.server.store.Conflicts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction report files: written from the products' rows, stored in the database with their SHA-256 so
 * every node serves the same bytes, and published automatically at the report time for the previous business
 * day (and on the 1st for the previous month). A published file never changes silently: regenerating it with
 * other content is refused with the difference unless the operator replaces it, which adds a revision and
 * keeps the old one.
 */
public final class ReportFiles {
    /** How many days back the automatic run makes up files that a stopped gateway did not publish. */
    static final int CATCH_UP_DAYS = 7;
    /** How many lines of a difference an answer shows. */
    static final int DIFFERENCE_LINES = 100;
    public static final String CONTENT_TYPE = "text/plain; charset=UTF-8";
    public static final String SHA256_HEADER = "X-LLGate-SHA256";
    public static final String REVISION_HEADER = "X-LLGate-Revision";

    private static final Logger log = LoggerFactory.getLogger(ReportFiles.class);

    /** A listing's order: newest period first, then by merchant and kind, newest revision first. */
    private static final Comparator<StoredFile> LISTING_ORDER = Comparator.comparing(StoredFile::period).reversed()
            .thenComparing(StoredFile::oidPartner)
            .thenComparing(file -> file.kind().name())
            .thenComparing(Comparator.comparingInt(StoredFile::revision).reversed());

    private final Jdbi jdbi;
    private final Clock clock;
    private final BusinessCalendar calendar;
    private final LocalTime reportTime;
    private final Merchants merchants;
    private final List<ReportRowSource> sources;
    private final PayeeBanks payeeBanks = PayeeBanks.standard();
    /** The last business day this node published through: the per-second sweep does nothing until the next one. */
    private volatile LocalDate publishedThrough;

    public ReportFiles(Jdbi jdbi, Clock clock, BusinessCalendar calendar, LocalTime reportTime, Merchants merchants,
                       List<ReportRowSource> sources) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.calendar = calendar;
        this.reportTime = reportTime;
        this.merchants = merchants;
        this.sources = List.copyOf(sources);
    }

    /** What generating a file did. */
    public enum Outcome {
        /** There was no such file: it is published as revision 1. */
        CREATED,
        /** The published file has exactly these bytes. */
        UNCHANGED,
        /** The published file differed and the operator forced the new content: a new revision. */
        REPLACED,
        /** The published file differs and stays as it is; {@code difference} shows how. */
        REFUSED
    }

    /**
     * What generating one file did: its name, the revision now served, its SHA-256 and size, and when it
     * differs from what was published, the lines removed ({@code "- "}) and added ({@code "+ "}).
     */
    public record Generated(String oidPartner, String name, Outcome outcome, int revision, String sha256, long size,
                            List<String> difference) {
    }

    /** A stored file without its content. */
    public record StoredFile(String oidPartner, ReportKind kind, String period, String name, int revision,
                             String sha256, long size, Instant createdAt, Instant replacedAt) {
    }

    /** A stored file with its exact bytes. */
    public record FileContent(StoredFile file, byte[] content) {
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }

        /** The file as an HTTP answer: its bytes, as text, named, with its SHA-256 and revision. */
        public FileReply reply() {
            return new FileReply(file.name(), content, CONTENT_TYPE, Map.of(SHA256_HEADER, file.sha256(),
                    REVISION_HEADER, Integer.toString(file.revision())));
        }
    }

    /** Which files a listing shows. {@code periodPrefix} such as {@code 202406} takes that month's days and the month. */
    public record Filter(Optional<String> oidPartner, Optional<ReportKind> kind, Optional<String> periodPrefix,
                         boolean allRevisions) {
    }

    private enum Mode { CREATE_ONLY, KEEP, REPLACE }

    /**
     * Writes the daily files of a business day (detail and summary, and payouts in the CSV layout) for the merchants
     * given (or every merchant that existed by the day's end); {@link DayNotEndedException} for a day that has not
     * ended.
     */
    public List<Generated> generateDay(LocalDate day, Optional<Merchant> merchant, boolean replace) {
        DayNotEndedException.requireEnded(calendar, "business day " + BusinessDays.format(day), day, clock.instant());
        List<Generated> generated = new ArrayList<>();
        for (Merchant m : merchants(merchant, calendar.end(day))) {
            generated.addAll(publishDay(m, day, ReportKind.ofDay(m.reportLayout()), replace ? Mode.REPLACE : Mode.KEEP));
        }
        return generated;
    }

    /** Writes the monthly files of a month whose last business day has ended, as {@link #generateDay} does. */
    public List<Generated> generateMonth(YearMonth month, Optional<Merchant> merchant, boolean replace) {
        LocalDate last = month.atEndOfMonth();
        DayNotEndedException.requireEnded(calendar, "month " + BusinessDays.format(month), last, clock.instant());
        List<Generated> generated = new ArrayList<>();
        for (Merchant m : merchants(merchant, calendar.end(last))) {
            generated.addAll(publishMonth(m, month, ReportKind.ofMonth(m.reportLayout()),
                    replace ? Mode.REPLACE : Mode.KEEP));
        }
        return generated;
    }

    /**
     * Publishes what is due and missing: the daily files of the business days that ended before the latest report
     * time (up to {@link #CATCH_UP_DAYS} back), and the previous month's file from the 1st. Run by the sweeper.
     */
    public void publishDue() {
        LocalDate due = dueDay(clock.instant());
        if (due.equals(publishedThrough)) {
            return;
        }
        List<Merchant> all = merchants.list();
        for (LocalDate day = due.minusDays(CATCH_UP_DAYS - 1); !day.isAfter(due); day = day.plusDays(1)) {
            Map<Long, Set<ReportKind>> published = published(BusinessDays.format(day));
            for (Merchant m : existedBy(all, calendar.end(day))) {
                Set<ReportKind> missing = EnumSet.copyOf(ReportKind.ofDay(m.reportLayout()));
                missing.removeAll(published.getOrDefault(m.id(), Set.of()));
                if (!missing.isEmpty()) {
                    warnIfRefused(publishDay(m, day, missing, Mode.CREATE_ONLY));
                }
            }
        }
        YearMonth month = YearMonth.from(due.plusDays(1)).minusMonths(1);
        Map<Long, Set<ReportKind>> published = published(BusinessDays.format(month));
        for (Merchant m : existedBy(all, calendar.end(month.atEndOfMonth()))) {
            Set<ReportKind> missing = EnumSet.copyOf(ReportKind.ofMonth(m.reportLayout()));
            missing.removeAll(published.getOrDefault(m.id(), Set.of()));
            if (!missing.isEmpty()) {
                warnIfRefused(publishMonth(m, month, missing, Mode.CREATE_ONLY));
            }
        }
        publishedThrough = due;
    }

    /** The latest business day whose files are due: the one before the business day of the latest report time. */
    LocalDate dueDay(Instant now) {
        ZonedDateTime local = now.atZone(BusinessCalendar.ZONE);
        LocalDate date = local.toLocalTime().isBefore(reportTime) ? local.toLocalDate().minusDays(1) : local.toLocalDate();
        return calendar.lastEnded(date.atTime(reportTime).atZone(BusinessCalendar.ZONE).toInstant());
    }

    /** The file's content as it would be generated now, without publishing it. */
    public byte[] render(Merchant merchant, ReportKind kind, String period) {
        return jdbi.inTransaction(h -> {
            if (kind.daily()) {
                LocalDate day = BusinessDays.parseDay(period);
                return render(merchant, kind, rows(h, merchant, day, day));
            }
            YearMonth month = BusinessDays.parseMonth(period);
            return render(merchant, kind, rows(h, merchant, month.atDay(1), month.atEndOfMonth()));
        });
    }

    /** The revision served (the newest) of a merchant's file, or the revision asked for. */
    public Optional<FileContent> find(String oidPartner, ReportKind kind, String period, Optional<Integer> revision) {
        return jdbi.withHandle(h -> merchants.idOf(h, oidPartner).flatMap(merchantId -> {
            Query query = h.createQuery("SELECT * FROM report_file "
                    + "WHERE merchant_id = :merchant AND kind = :kind AND period = :period"
                    + (revision.isPresent() ? " AND revision = :revision" : "")
                    + " ORDER BY revision DESC LIMIT 1");
            revision.ifPresent(r -> query.bind("revision", r));
            return query.bind("merchant", merchantId)
                    .bind("kind", kind.name())
                    .bind("period", period)
                    .map((rs, ctx) -> new FileContent(stored(rs, oidPartner), rs.getBytes("content")))
                    .findOne();
        }));
    }

    /**
     * Stored files, newest period first, at most {@code limit}; within a period by merchant, kind and newest
     * revision. The page is taken in the order of the merchants' row ids and labelled with their {@code oid_partner}
     * by one lookup, then put in {@code oid_partner} order.
     */
    public List<StoredFile> list(Filter filter, int limit) {
        return jdbi.withHandle(h -> {
            Optional<Long> merchantId = Optional.empty();
            if (filter.oidPartner().isPresent()) {
                merchantId = merchants.idOf(h, filter.oidPartner().get());
                if (merchantId.isEmpty()) {
                    return List.of();
                }
            }
            List<Map.Entry<Long, StoredFile>> rows = listed(h, filter, merchantId, limit);
            Map<Long, String> oids = merchants.oidPartners(h, rows.stream().map(Map.Entry::getKey).toList());
            return rows.stream()
                    .map(row -> labelled(row.getValue(), oids.get(row.getKey())))
                    .sorted(LISTING_ORDER)
                    .toList();
        });
    }

    /** The page of a listing, each file with its merchant's row id and not yet its {@code oid_partner}. */
    private static List<Map.Entry<Long, StoredFile>> listed(Handle h, Filter filter, Optional<Long> merchantId,
                                                            int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT merchant_id, kind, period, name, revision, sha256, size, created_at, replaced_at
                FROM report_file WHERE 1 = 1""");
        Map<String, Object> values = new HashMap<>();
        merchantId.ifPresent(id -> {
            sql.append(" AND merchant_id = :merchant");
            values.put("merchant", id);
        });
        filter.kind().ifPresent(kind -> {
            sql.append(" AND kind = :kind");
            values.put("kind", kind.name());
        });
        filter.periodPrefix().ifPresent(prefix -> {
            sql.append(" AND period LIKE :prefix");
            values.put("prefix", prefix + "%");
        });
        if (!filter.allRevisions()) {
            sql.append(" AND replaced_at IS NULL");
        }
        sql.append(" ORDER BY period DESC, merchant_id, kind, revision DESC LIMIT :limit");
        Query query = h.createQuery(sql.toString());
        values.forEach(query::bind);
        return query.bind("limit", limit)
                .map((rs, ctx) -> Map.entry(rs.getLong("merchant_id"), stored(rs, null)))
                .list();
    }

    private static StoredFile labelled(StoredFile f, String oidPartner) {
        return new StoredFile(oidPartner, f.kind(), f.period(), f.name(), f.revision(), f.sha256(), f.size(),
                f.createdAt(), f.replacedAt());
    }

    private List<Generated> publishDay(Merchant m, LocalDate day, Set<ReportKind> kinds, Mode mode) {
        List<ReportRow> rows = jdbi.inTransaction(h -> rows(h, m, day, day));
        String period = BusinessDays.format(day);
        List<Generated> generated = new ArrayList<>();
        for (ReportKind kind : kinds) {
            generated.add(store(m, kind, period, render(m, kind, rows), mode));
        }
        return generated;
    }

    private List<Generated> publishMonth(Merchant m, YearMonth month, Set<ReportKind> kinds, Mode mode) {
        List<ReportRow> rows = jdbi.inTransaction(h -> rows(h, m, month.atDay(1), month.atEndOfMonth()));
        String period = BusinessDays.format(month);
        List<Generated> generated = new ArrayList<>();
        for (ReportKind kind : kinds) {
            generated.add(store(m, kind, period, render(m, kind, rows), mode));
        }
        return generated;
    }

    /** Every product's rows of the merchant for business days {@code from} to {@code to}. */
    List<ReportRow> rows(Handle h, Merchant m, LocalDate from, LocalDate to) {
        List<ReportRow> rows = new ArrayList<>();
        for (ReportRowSource source : sources) {
            rows.addAll(source.rows(h, m.id(), from, to));
        }
        return rows;
    }

    /** The file in the merchant's layout as it is now; a file published in the other layout keeps its bytes. */
    private byte[] render(Merchant m, ReportKind kind, List<ReportRow> rows) {
        boolean csv = m.reportLayout() == ReportLayout.CSV;
        String text = switch (kind) {
            case SUMMARY -> ReportFormat.summary(m.reportLayout(), rows);
            case DAILY, MONTHLY -> csv ? CsvReportFormat.detail(m.oidPartner(), m.refundPaybillColumn(), rows)
                    : ReportFormat.detail(m.oidPartner(), m.refundPaybillColumn(), rows);
            case PAYOUT_DAILY, PAYOUT_MONTHLY -> CsvReportFormat.payouts(m.oidPartner(), payeeBanks, rows);
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Generated store(Merchant m, ReportKind kind, String period, byte[] content, Mode mode) {
        // Two nodes (or the sweeper and an operator) may write the same file at once: the unique revision lets one
        // win, and the other reads what it wrote and compares again.
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(h -> storeOnce(h, m, kind, period, content, mode));
            } catch (RuntimeException e) {
                if (attempt >= 3 || !Conflicts.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    private Generated storeOnce(Handle h, Merchant m, ReportKind kind, String period, byte[] content, Mode mode) {
        String name = kind.fileName(m.oidPartner(), period);
        String sha256 = sha256(content);
        Optional<Current> current = h.createQuery("""
                        SELECT id, revision, sha256, content FROM report_file
                        WHERE merchant_id = :merchant AND kind = :kind AND period = :period
                        ORDER BY revision DESC LIMIT 1""")
                .bind("merchant", m.id())
                .bind("kind", kind.name())
                .bind("period", period)
                .map((rs, ctx) -> new Current(rs.getLong("id"), rs.getInt("revision"), rs.getString("sha256"),
                        rs.getBytes("content")))
                .findOne();
        if (current.isEmpty()) {
            insert(h, m, kind, period, name, 1, content, sha256);
            return new Generated(m.oidPartner(), name, Outcome.CREATED, 1, sha256, content.length, List.of());
        }
        Current published = current.get();
        if (published.sha256().equals(sha256)) {
            return new Generated(m.oidPartner(), name, Outcome.UNCHANGED, published.revision(), sha256, content.length,
                    List.of());
        }
        List<String> difference = difference(new String(published.content(), StandardCharsets.UTF_8),
                new String(content, StandardCharsets.UTF_8));
        if (mode != Mode.REPLACE) {
            return new Generated(m.oidPartner(), name, Outcome.REFUSED, published.revision(), published.sha256(),
                    published.content().length, difference);
        }
        h.createUpdate("UPDATE report_file SET replaced_at = :now WHERE id = :id")
                .bind("now", clock.instant())
                .bind("id", published.id())
                .execute();
        int revision = published.revision() + 1;
        insert(h, m, kind, period, name, revision, content, sha256);
        return new Generated(m.oidPartner(), name, Outcome.REPLACED, revision, sha256, content.length, difference);
    }

    private record Current(long id, int revision, String sha256, byte[] content) {
    }

    private void insert(Handle h, Merchant m, ReportKind kind, String period, String name, int revision, byte[] content,
                        String sha256) {
        h.createUpdate("""
                        INSERT INTO report_file (merchant_id, kind, period, name, revision, content, sha256, size, created_at)
                        VALUES (:merchant, :kind, :period, :name, :revision, :content, :sha256, :size, :now)""")
                .bind("merchant", m.id())
                .bind("kind", kind.name())
                .bind("period", period)
                .bind("name", name)
                .bind("revision", revision)
                .bind("content", content)
                .bind("sha256", sha256)
                .bind("size", content.length)
                .bind("now", clock.instant())
                .execute();
    }

    /** Which kinds of file each merchant already has for a period. */
    private Map<Long, Set<ReportKind>> published(String period) {
        Map<Long, Set<ReportKind>> byMerchant = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT DISTINCT merchant_id, kind FROM report_file WHERE period = :period")
                .bind("period", period)
                .map((rs, ctx) -> Map.entry(rs.getLong("merchant_id"), ReportKind.valueOf(rs.getString("kind"))))
                .forEach(e -> byMerchant.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue())));
        return byMerchant;
    }

    private List<Merchant> merchants(Optional<Merchant> merchant, Instant end) {
        return merchant.map(List::of).orElseGet(() -> existedBy(merchants.list(), end));
    }

    /** The merchants registered before {@code end}: a merchant has no files for days before it existed. */
    private static List<Merchant> existedBy(List<Merchant> all, Instant end) {
        return all.stream().filter(m -> m.createdAt().isBefore(end)).toList();
    }

    private static void warnIfRefused(List<Generated> generated) {
        for (Generated g : generated) {
            if (g.outcome() == Outcome.REFUSED) {
                log.warn("report file {} was published meanwhile with other content; left as it is", g.name());
            } else if (g.outcome() == Outcome.CREATED) {
                log.info("published report file {} ({} bytes, sha256 {})", g.name(), g.size(), g.sha256());
            }
        }
    }

    /**
     * The lines only in the published file ({@code "- "}) and only in the new one ({@code "+ "}), each in file
     * order; lines in both (as many times as in both) are left out.
     */
    static List<String> difference(String published, String generated) {
        List<String> before = lines(published);
        List<String> after = lines(generated);
        List<String> difference = new ArrayList<>();
        difference.addAll(only(before, after, "- "));
        difference.addAll(only(after, before, "+ "));
        if (difference.size() > DIFFERENCE_LINES) {
            int more = difference.size() - DIFFERENCE_LINES;
            difference = new ArrayList<>(difference.subList(0, DIFFERENCE_LINES));
            difference.add("... and " + more + " more lines");
        }
        return difference;
    }

    private static List<String> only(List<String> lines, List<String> others, String mark) {
        Map<String, Integer> available = new HashMap<>();
        others.forEach(line -> available.merge(line, 1, Integer::sum));
        List<String> only = new ArrayList<>();
        for (String line : lines) {
            if (available.getOrDefault(line, 0) > 0) {
                available.merge(line, -1, Integer::sum);
            } else {
                only.add(mark + line);
            }
        }
        return only;
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static StoredFile stored(ResultSet rs, String oidPartner) throws SQLException {
        return new StoredFile(oidPartner, ReportKind.valueOf(rs.getString("kind")),
                rs.getString("period"), rs.getString("name"), rs.getInt("revision"), rs.getString("sha256"),
                rs.getLong("size"), Columns.instant(rs, "created_at"), Columns.instant(rs, "replaced_at"));
    }
}
