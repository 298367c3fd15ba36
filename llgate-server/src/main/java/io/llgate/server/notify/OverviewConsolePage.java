package io.llgate.server.notify;

import io.llgate.server.console.Console;
import io.llgate.server.console.ConsoleCall;
import io.llgate.server.console.ConsoleFrame;
import io.llgate.server.console.ConsoleNav;
import io.llgate.server.security.Masking;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's overview, read from the notification log, where every transaction's final result is queued: today's
 * results by product and their success rate, the queue, the wait for first attempts over the last hour as a chart
 * (inline SVG drawn here, so it needs no script), and the merchants whose endpoints are failing.
 */
public final class OverviewConsolePage {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final Duration WINDOW = Duration.ofHours(1);
    private static final int BUCKETS = 12;
    private static final int MAX_ATTEMPTS_READ = 5000;
    static final int CHART_WIDTH = 600;
    static final int CHART_HEIGHT = 160;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(BEIJING);

    private final Notifications notifications;
    private final Clock clock;

    public OverviewConsolePage(Notifications notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    /** One product's final results told today (Beijing time): how many, how many succeeded, the rate in percent. */
    public record ProductDay(String product, long results, long succeeded, String successRate) {
    }

    /** One bar of the chart: where it is drawn, and what it says to a screen reader and on hover. */
    public record Bar(int x, int y, int width, int height, String label, String title) {
    }

    /** The first-attempt chart: its bars, the value of its top line, and its time labels. */
    public record Chart(int width, int height, List<Bar> bars, String top, long attempts, String summary) {
    }

    /** A failing endpoint with its last answer masked. */
    public record Failing(Notifications.FailingEndpoint endpoint, String answer) {
    }

    public record Page(ConsoleFrame frame, String day, List<ProductDay> today, Notifications.Queue queue, Chart chart,
                       List<Failing> failing) {
    }

    public void addTo(Console console) {
        console.page(Console.PATH, ConsoleNav.OVERVIEW, this::show);
    }

    private void show(ConsoleCall call) {
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(now, BEIJING);
        Instant since = now.minus(WINDOW);
        call.render("console/overview.jte", new Page(call.frame("概览 Overview"), day.toString(),
                today(notifications.resultsSince(day.atStartOfDay(BEIJING).toInstant())), notifications.queue(),
                chart(notifications.firstAttempts(since), since),
                notifications.failingEndpoints(since, MAX_ATTEMPTS_READ).stream()
                        .map(f -> new Failing(f, Masking.text(f.lastAttempt().responseHead()))).toList()));
    }

    static List<ProductDay> today(List<Notifications.ResultCount> counts) {
        Map<String, long[]> byProduct = new LinkedHashMap<>();
        for (Notifications.ResultCount c : counts) {
            long[] totals = byProduct.computeIfAbsent(c.product(), p -> new long[2]);
            totals[0] += c.count();
            if (c.result().equals("SUCCESS")) {
                totals[1] += c.count();
            }
        }
        List<ProductDay> days = new ArrayList<>();
        byProduct.forEach((product, t) -> days.add(new ProductDay(product, t[0], t[1],
                t[0] == 0 ? "—" : String.format("%.1f%%", 100.0 * t[1] / t[0]))));
        return days;
    }

    /** Twelve five-minute bars of the average wait for a first attempt; an empty bucket draws no bar. */
    static Chart chart(List<Notifications.FirstAttempt> attempts, Instant since) {
        long bucketMs = WINDOW.toMillis() / BUCKETS;
        long[] sum = new long[BUCKETS];
        long[] count = new long[BUCKETS];
        long[] worst = new long[BUCKETS];
        for (Notifications.FirstAttempt a : attempts) {
            int i = (int) Math.min(BUCKETS - 1, Math.max(0, Duration.between(since, a.queuedAt()).toMillis() / bucketMs));
            sum[i] += a.waitedMs();
            count[i]++;
            worst[i] = Math.max(worst[i], a.waitedMs());
        }
        long top = 1;
        for (int i = 0; i < BUCKETS; i++) {
            if (count[i] > 0) {
                top = Math.max(top, sum[i] / count[i]);
            }
        }
        int plot = CHART_HEIGHT - 20;
        int slot = CHART_WIDTH / BUCKETS;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < BUCKETS; i++) {
            Instant from = since.plusMillis(i * bucketMs);
            String label = CLOCK.format(from);
            if (count[i] == 0) {
                bars.add(new Bar(i * slot + 4, plot, slot - 8, 0, label, label + ": no notifications"));
                continue;
            }
            long average = sum[i] / count[i];
            int height = (int) Math.max(1, Math.round((double) average / top * (plot - 10)));
            bars.add(new Bar(i * slot + 4, plot - height, slot - 8, height, label, label + ": " + count[i]
                    + " first attempts, average wait " + average + " ms, longest " + worst[i] + " ms"));
        }
        long total = Arrays.stream(count).sum();
        long average = total == 0 ? 0 : Arrays.stream(sum).sum() / total;
        return new Chart(CHART_WIDTH, CHART_HEIGHT, bars, top + " ms", total,
                total == 0 ? "No first attempts in the last hour."
                        : total + " first attempts in the last hour, average wait " + average + " ms.");
    }
}
