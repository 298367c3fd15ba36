package io.llgate.server.transaction;

import io.llgate.server.console.Console;
import io.llgate.server.console.ConsoleAction;
import io.llgate.server.console.ConsoleCall;
import io.llgate.server.console.ConsoleFrame;
import io.llgate.server.console.ConsoleNav;
import io.llgate.server.notify.NotificationConsolePages;
import io.llgate.server.http.AdminException;
import io.llgate.server.notify.NotificationAdminRoutes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's Transactions section: the list of every product's transactions (filters, search, keyset pages) and
 * one transaction's page (timeline, postings, refunds, and its notifications as the notification pages show them,
 * with every attempt, updated live by the console's layout, a resend button and a curl command replaying the
 * delivery). It reads through {@link Transactions} and resends through the notification admin routes, as the admin
 * API does.
 */
public final class TransactionConsole {
    static final String PATH = Console.PATH + "/transactions";

    private final Transactions transactions;
    private final NotificationAdminRoutes notifications;

    public TransactionConsole(Transactions transactions, NotificationAdminRoutes notifications) {
        this.transactions = transactions;
        this.notifications = notifications;
    }

    public void addTo(Console console) {
        console.page(PATH, ConsoleNav.TRANSACTIONS, this::list);
        console.page(PATH + "/{ref}", ConsoleNav.TRANSACTIONS, this::show);
        console.action(PATH + "/{ref}/resend", ConsoleNav.TRANSACTIONS, this::resend);
    }

    /** The list page's model: the form's values as given, the page of rows, and the next page's address. */
    public record ListPage(ConsoleFrame frame, Map<String, String> form,
                           List<String> products, List<String> statuses, List<TransactionSummary> rows,
                           String nextHref) {
        public String value(String name) {
            return form.getOrDefault(name, "");
        }
    }

    /** The transaction page's model: the transaction, and its notifications as the notification pages show them. */
    public record DetailPage(ConsoleFrame frame, Transactions.Detail detail,
                             List<NotificationConsolePages.Shown> notifications) {
    }

    private void list(ConsoleCall call) {
        TransactionQuery query = TransactionAdminRoutes.query(call.ctx(), transactions);
        Transactions.Page page = transactions.list(query);
        Map<String, String> form = new LinkedHashMap<>();
        for (String name : List.of("merchant", "product", "status", "from", "to", "q", "limit")) {
            call.query(name).ifPresent(value -> form.put(name, value));
        }
        String next = null;
        if (page.next() != null) {
            StringBuilder href = new StringBuilder(PATH + "?");
            form.forEach((name, value) -> href.append(name).append('=').append(encode(value)).append('&'));
            next = href.append("after=").append(page.next()).toString();
        }
        call.render("console/transactions.jte", new ListPage(call.frame("交易 Transactions"), form,
                transactions.products().stream().map(p -> p.id()).toList(), List.copyOf(transactions.statuses()),
                page.transactions(), next));
    }

    private void show(ConsoleCall call) {
        Transactions.Detail detail = found(call.path("ref"));
        call.render("console/transaction.jte", new DetailPage(call.frame("交易 Transaction " + detail.transaction().ref()),
                detail, detail.notifications().stream().map(NotificationConsolePages.Shown::of).toList()));
    }

    /** Resends one of the transaction's notifications, now, with its exact body. */
    private ConsoleAction resend(ConsoleCall call) {
        String ref = call.path("ref");
        Transactions.Detail detail = found(ref);
        long id = call.field("notification").map(TransactionConsole::id)
                .filter(n -> detail.notifications().stream().anyMatch(d -> d.notification().id() == n))
                .orElseThrow(() -> new AdminException(404, "这笔交易没有这个通知 · No such notification of " + ref));
        notifications.resend(id);
        return ConsoleAction.changed(PATH + "/" + ref, "通知 " + id + " 已重新排队 · Notification " + id
                + " queued again, due now.", "notification.resend", "notification " + id, "from transaction " + ref);
    }

    private Transactions.Detail found(String ref) {
        return transactions.find(ref)
                .orElseThrow(() -> new AdminException(404, "没有这笔交易 · No transaction " + ref));
    }

    private static long id(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
