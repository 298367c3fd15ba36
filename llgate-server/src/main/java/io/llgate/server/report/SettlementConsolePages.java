package io.llgate.server.report;

import io.llgate.server.console.Console;
import io.llgate.server.console.ConsoleAction;
import io.llgate.server.console.ConsoleCall;
import io.llgate.server.console.ConsoleFrame;
import io.llgate.server.console.ConsoleNav;
import io.llgate.server.http.AdminException;
import io.llgate.server.ledger.BusinessCalendar;
import io.llgate.server.ledger.BusinessDays;
import io.llgate.server.ledger.SettlementAdminRoutes;
import io.llgate.server.ledger.Settlements;
import io.llgate.protocol.Amounts;
import io.llgate.server.rate.RateAdminRoutes;
import io.llgate.server.rate.RateTable;
import io.llgate.server.kernel.Currencies;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The console's settlement and report pages: the business days (today's, when it ends, the last ended one), the
 * settlements made and a run of the ended days, the published report files with their download, and a business
 * day's reconciliation with every difference, and the exchange rates in force. Read through the same services and
 * checks as the admin API.
 */
public final class SettlementConsolePages {
    private static final String PATH = ConsoleNav.SETTLEMENT.path();
    private static final int LIMIT = 100;

    private final Settlements settlements;
    private final SettlementAdminRoutes settlementAdmin;
    private final ReportFiles files;
    private final ReportAdminRoutes reportAdmin;
    private final BusinessCalendar calendar;
    private final LocalTime reportTime;
    private final Clock clock;
    private final RateTable rates;

    public SettlementConsolePages(Settlements settlements, SettlementAdminRoutes settlementAdmin, ReportFiles files,
                                  ReportAdminRoutes reportAdmin, BusinessCalendar calendar, LocalTime reportTime,
                                  Clock clock, RateTable rates) {
        this.settlements = settlements;
        this.settlementAdmin = settlementAdmin;
        this.files = files;
        this.reportAdmin = reportAdmin;
        this.calendar = calendar;
        this.reportTime = reportTime;
        this.clock = clock;
        this.rates = rates;
    }

    /** The business days as of now, Beijing time. */
    public record Days(String today, Instant todayEnds, String lastEnded, String cutoff, String reportTime) {
    }

    /** A settlement with its amount, two decimals, and its currency. */
    public record SettlementView(String oidPartner, String settleDate, String currency, String amount,
                                 Instant createdAt) {
    }

    /** The exchange rates in force now, and the currencies without one (exchange orders in them are refused). */
    public record Rates(List<RateAdminRoutes.View> inForce, String withoutRate) {
    }

    /**
     * The page: business days, settlements, report files, the reconciliation asked for (null when none) and the
     * exchange rates.
     */
    public record Page(ConsoleFrame frame, Days days, String merchant, List<SettlementView> settlements,
                       List<ReportFiles.StoredFile> files, String reconcileDate, Reconciliation.Result reconciliation,
                       Rates rates) {
    }

    public void addTo(Console console) {
        console.page(PATH, ConsoleNav.SETTLEMENT, this::show);
        console.page(PATH + "/reports/{name}", ConsoleNav.SETTLEMENT, call ->
                reportAdmin.file(call.path("name"), call.query("revision").map(SettlementConsolePages::revision))
                        .reply().writeTo(call.ctx()));
        console.action(PATH + "/run", ConsoleNav.SETTLEMENT, call -> {
            Settlements.Run run = settlementAdmin.run(call.body(Set.of(), Set.of()));
            return ConsoleAction.changed(PATH, "已结算至 " + run.through() + "，" + run.settled().size() + " 笔 · Settled through "
                    + run.through() + ": " + run.settled().size() + " settlements.", "settlement.run",
                    "through " + run.through(), run.settled().size() + " settlements");
        });
    }

    private void show(ConsoleCall call) {
        Instant now = clock.instant();
        LocalDate today = calendar.businessDay(now);
        LocalDate lastEnded = calendar.lastEnded(now);
        Optional<String> merchant = call.query("merchant");
        String reconcileDate = call.query("reconcile").orElse(null);
        Reconciliation.Result result = reconcileDate == null ? null : reportAdmin.reconcile(reconcileDate,
                merchant.orElse(null));
        List<SettlementView> made = settlements.list(merchant, Optional.empty(), LIMIT).stream()
                .map(s -> new SettlementView(s.oidPartner(), s.settleDate(), s.currency().getCurrencyCode(),
                        Amounts.format(s.amount()), s.createdAt()))
                .toList();
        call.render("console/settlement.jte", new Page(call.frame("结算与对账 Settlement & reports"),
                new Days(BusinessDays.format(today), calendar.end(today), BusinessDays.format(lastEnded),
                        calendar.cutoff().toString(), reportTime.toString()),
                merchant.orElse(""), made,
                files.list(new ReportFiles.Filter(merchant, Optional.empty(), Optional.empty(), false), LIMIT),
                reconcileDate == null ? BusinessDays.format(lastEnded) : reconcileDate, result, rates(now)));
    }

    private Rates rates(Instant now) {
        List<RateAdminRoutes.View> inForce = rates.current(now).stream().map(RateAdminRoutes.View::of).toList();
        return new Rates(inForce, String.join(", ", Currencies.SUPPORTED.stream()
                .map(Currency::getCurrencyCode)
                .filter(code -> inForce.stream().noneMatch(r -> r.currency().equals(code))).toList()));
    }

    private static int revision(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new AdminException(400, "revision must be a whole number");
        }
    }
}
