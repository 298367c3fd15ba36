package io.llgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.server.Gateway;
import io.llgate.server.testing.Books;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.PaidOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code llgate settlement}, {@code llgate report} and {@code llgate reconcile} against a running gateway. */
class ReportCommandsTest {
    static Gateway gateway;
    static NotificationReceiver receiver;
    static Books books;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        receiver = new NotificationReceiver();
        books = new Books(gateway);
    }

    @AfterAll
    static void stop() {
        receiver.close();
        gateway.close();
    }

    /** A table row starting with these cells, however wide the columns. */
    private static String row(String... cells) {
        return String.join("\\s+", Arrays.stream(cells).map(Pattern::quote).toList()) + "\\s";
    }

    private static Cli.Run admin(String... args) {
        return Cli.admin(gateway, args);
    }

    @Test
    void settlementRunSettlesEndedDaysAndRefusesOnesThatHaveNot() {
        TestMerchant merchant = books.merchantWithFee(0);
        PaidOrder paid = merchant.paidOnlineBankingOrder("12.34", receiver.url());
        String day = books.order(merchant, paid.noOrder()).get("settle_date");

        Cli.Run early = admin("settlement", "run", "--date", day);
        assertThat(early.exitCode()).isEqualTo(1);
        assertThat(early.err()).contains("business day " + day + " has not ended: it ends at");
        Cli.Run bad = admin("settlement", "run", "--date", "2024-06-12");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--date: a business day is written yyyyMMdd");

        books.advanceToJustAfterTheCutOff(10);
        Cli.Run run = admin("settlement", "run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("through " + day).contains(merchant.oidPartner()).contains("12.34");
        assertThat(admin("settlement", "run", "--date", day).out()).isEqualTo("Nothing to settle through " + day + ".\n");
        assertThat(admin("settlement", "list", "--merchant", merchant.oidPartner()).out())
                .contains("SETTLE_DATE").containsPattern(row(day, merchant.oidPartner(), "CNY", "12.34"));
        assertThat(books.balances(merchant)).containsEntry("amt_balance", "12.34");
    }

    @Test
    void reportWritesTheFilesRefusesChangesUnlessReplacedListsAndDownloads(@TempDir Path dir) throws Exception {
        books.advanceToJustAfterTheCutOff(10);
        TestMerchant merchant = books.merchantWithFee(0);
        PaidOrder paid = merchant.paidOnlineBankingOrder("20.00", receiver.url());
        String day = books.order(merchant, paid.noOrder()).get("settle_date");
        String name = "JYMX_" + merchant.oidPartner() + "_" + day + ".txt";
        books.advance("P1D");

        Cli.Run written = admin("report", "--date", day, "--merchant", merchant.oidPartner());

        assertThat(written.exitCode()).as(written.err()).isZero();
        assertThat(written.out()).contains("FILE").containsPattern(row(name, "CREATED", "1"))
                .containsPattern(row("JYMXSUM_" + merchant.oidPartner() + "_" + day + ".txt", "CREATED", "1"));
        assertThat(admin("report", "--date", day, "--merchant", merchant.oidPartner()).out())
                .containsPattern(row(name, "UNCHANGED", "1"));

        gateway.jdbi().useHandle(h -> h.createUpdate("UPDATE online_banking_order SET info_order = '改过' WHERE no_order = :no")
                .bind("no", paid.noOrder()).execute());
        Cli.Run refused = admin("report", "--date", day, "--merchant", merchant.oidPartner());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).containsPattern(row(name, "REFUSED", "1")).contains(name + " differs from the published revision 1:")
                .contains("  - " + paid.noOrder()).contains("|订单备注").contains("  + " + paid.noOrder()).contains("|改过");
        assertThat(refused.err()).contains("1 published file would change; nothing was written for it. Run again with "
                + "--replace");
        Cli.Run replaced = admin("report", "--date", day, "--merchant", merchant.oidPartner(), "--replace");
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
        assertThat(replaced.out()).containsPattern(row(name, "REPLACED", "2"));

        Cli.Run list = admin("report", "list", "--merchant", merchant.oidPartner(), "--date", day, "--all-revisions");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).containsPattern(row(name, "2")).containsPattern(row(name, "1")).contains("JYMXSUM_");

        Path saved = dir.resolve(name);
        Cli.Run download = admin("report", "download", name, "--revision", "1", "--output", saved.toString());
        assertThat(download.exitCode()).as(download.err()).isZero();
        assertThat(Files.readString(saved)).contains("|订单备注\n").doesNotContain("改过");
        assertThat(admin("report", "download", name).out()).contains("|改过\n");
        Cli.Run missing = admin("report", "download", "JYMX_" + merchant.oidPartner() + "_20000101.txt");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no report file JYMX_" + merchant.oidPartner() + "_20000101.txt");
        assertThat(admin("report").exitCode()).isEqualTo(2);
        assertThat(admin("report", "--date", day, "--month", day.substring(0, 6)).exitCode()).isEqualTo(2);
    }

    @Test
    void reconcileExitsZeroWhenTheDayAgreesAndThreeWithTheDifferences() {
        books.advanceToJustAfterTheCutOff(10);
        TestMerchant merchant = books.merchantWithFee(25);
        PaidOrder paid = merchant.paidOnlineBankingOrder("88.80", receiver.url());
        String day = books.order(merchant, paid.noOrder()).get("settle_date");
        books.advance("P1D");

        Cli.Run clean = admin("reconcile", "--date", day, "--merchant", merchant.oidPartner());

        assertThat(clean.exitCode()).as(clean.err()).isZero();
        assertThat(clean.out()).contains(merchant.oidPartner() + ": JYMX_" + merchant.oidPartner() + "_" + day
                + ".txt (not published; generated for the check), 1 lines; 1 payments and refunds; 1 ledger entries: "
                + "no differences").endsWith("Business day " + day + ": no differences.\n");

        gateway.jdbi().useHandle(h -> h.createUpdate(
                "UPDATE ledger_posting SET settle_date = '20000101' WHERE entry_id = (SELECT id FROM ledger_entry "
                        + "WHERE kind = 'PAYMENT_RECEIPT' AND reference = (SELECT 'online-banking:' "
                        + "|| CAST(id AS VARCHAR(20)) FROM online_banking_order WHERE no_order = :no))")
                .bind("no", paid.noOrder()).execute());
        Cli.Run differs = admin("reconcile", "--date", day, "--merchant", merchant.oidPartner());

        assertThat(differs.exitCode()).isEqualTo(3);
        assertThat(differs.out()).contains("CATEGORY").contains("MISSING_IN_LEDGER").contains(paid.noOrder())
                .endsWith("Business day " + day + ": 1 difference.\n");
        assertThat(differs.showsStackTrace()).isFalse();
        assertThat(admin("reconcile").exitCode()).isEqualTo(2);
    }
}
