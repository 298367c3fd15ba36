package io.llgate.server.report;

import io.llgate.server.instantpay.InstantPaymentProduct;
import io.llgate.server.onlinebanking.OnlineBankingProduct;
import io.llgate.server.kernel.ReportRow;
import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.server.merchant.RefundPaybillColumn;
import io.llgate.server.merchant.ReportLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CSV layout against the files LianLian's SFTP delivered (its published samples, in {@code samples/}): the
 * transactions of each sample, written by the gateway, give the sample's exact bytes. Where a sample names a
 * product LLGate does not have ({@code WAP支付渠道}, {@code 新认证支付（全渠道）}), only those two columns are
 * LLGate's own; every other byte is the sample's.
 */
class CsvReportFormatTest {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final PayeeBanks BANKS = PayeeBanks.standard();

    @Test
    void theSamplesAreUtf8WithoutAByteOrderMarkWithLfLineEndsAndATrailingNewline() {
        for (String name : List.of("JYMX_201901020002021200_20190910.txt", "JYMX_201901020002021200_201908.txt",
                "JYMXSUM_201901020002021200_20190910.txt", "FKMX_201901040002307000_201908.txt",
                "FKMX_201907020003025210_20190911.txt")) {
            byte[] bytes = sample(name);
            assertThat(new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8)).as(name).isEqualTo(bytes);
            assertThat(bytes[0]).as(name).isNotEqualTo((byte) 0xEF);
            assertThat(new String(bytes, StandardCharsets.UTF_8)).as(name).doesNotContain("\r").endsWith("\n");
        }
    }

    @Test
    void aDailyDetailFileIsTheSamplesBytes() {
        ReportRow paid = payment("0930918663168", "20190910175628", "2019091042358000", "20190910", 52160, 130,
                "2019-09-10T17:57:11", "充值");

        byte[] written = CsvReportFormat.detail("201901020002021200", RefundPaybillColumn.NO_ORDER, List.of(paid))
                .getBytes(StandardCharsets.UTF_8);

        assertThat(new String(written, StandardCharsets.UTF_8).split("\n")[0].getBytes(StandardCharsets.UTF_8))
                .isEqualTo(firstLine(sample("JYMX_201901020002021200_20190910.txt")));
        assertThat(written).isEqualTo(withOurProduct(sample("JYMX_201901020002021200_20190910.txt")));
    }

    @Test
    void theDailySummaryIsTheSamplesBytes() {
        ReportRow paid = payment("0930918663168", "20190910175628", "2019091042358000", "20190910", 52160, 130,
                "2019-09-10T17:57:11", "充值");

        assertThat(ReportFormat.summary(ReportLayout.CSV, List.of(paid)).getBytes(StandardCharsets.UTF_8))
                .isEqualTo(sample("JYMXSUM_201901020002021200_20190910.txt"));
        // The documented layout leaves a total empty when its count is 0, and writes two decimals.
        assertThat(ReportFormat.summary(ReportLayout.DOC, List.of(paid))).isEqualTo("1|1|521.60|0||0|\n");
    }

    @Test
    void aMonthlyDetailFileIsTheSamplesBytes() {
        List<ReportRow> rows = List.of(
                payment("0351595821908990", "20190826161317", "2019082632483300", "20190826", 100, 10,
                        "2019-08-26T16:13:49", "充值"),
                payment("0351593491547130", "20190826161055", "2019082632469100", "20190826", 100, 10,
                        "2019-08-26T16:12:05", "充值"));

        byte[] written = CsvReportFormat.detail("201901020002021200", RefundPaybillColumn.NO_ORDER, rows)
                .getBytes(StandardCharsets.UTF_8);

        assertThat(written).isEqualTo(withOurProduct(sample("JYMX_201901020002021200_201908.txt")));
    }

    @Test
    void aMonthlyPayoutFileIsTheSamplesBytes() {
        List<ReportRow> rows = List.of(
                payout(1, "319080117867", "20190801135625", "2019080125261800", "20190801", 500000, 60,
                        "2019-08-01T13:56:25", "付款", "01030000"),
                payout(2, "319080117871", "20190801135625", "2019080125261809", "20190801", 400000, 60,
                        "2019-08-01T13:56:26", "付款", "01030000"),
                payout(3, "319080117874", "20190801135626", "2019080125261801", "20190801", 2242700, 60,
                        "2019-08-01T13:56:26", "付款", "01030000"),
                payout(4, "319080117878", "20190801135626", "2019080125262380", "20190801", 2348800, 60,
                        "2019-08-01T13:56:27", "付款", "01030000"));

        byte[] written = CsvReportFormat.payouts("201901040002307000", BANKS, rows).getBytes(StandardCharsets.UTF_8);

        assertThat(written).isEqualTo(sample("FKMX_201901040002307000_201908.txt"));
    }

    @Test
    void aDailyPayoutFileHasTheSamplesLines() {
        List<ReportRow> rows = List.of(
                payout(1, "2150901163608", "20190911143734", "2019091145644000", "20190911", 908760, 60,
                        "2019-09-11T14:37:36", "放款", "03090000"),
                payout(2, "2151107974006", "20190911143746", "2019091145644001", "20190911", 2000000, 200,
                        "2019-09-11T14:37:47", "放款", "03050000"),
                payout(3, "2151307925208", "20190911143756", "2019091145645022", "20190911", 400000, 200,
                        "2019-09-11T14:37:57", "放款", "03050000"),
                payout(4, "2151305089004", "20190911143800", "2019091145644566", "20190911", 1200000, 60,
                        "2019-09-11T14:38:00", "放款", "01020000"),
                payout(5, "2150503474806", "20190911143710", "2019091145642222", "20190911", 1192000, 60,
                        "2019-09-11T14:37:11", "放款", "03100000"));

        List<String> written = lines(CsvReportFormat.payouts("201907020003025210", BANKS, rows));

        List<String> expected = lines(new String(sample("FKMX_201907020003025210_20190911.txt"), StandardCharsets.UTF_8));
        assertThat(written.get(0)).isEqualTo(expected.get(0));
        // LianLian's file is in no order LLGate can reproduce; LLGate's is by the time each was paid. Two of its
        // bank names are shorter than LianLian's own bank list, which LLGate writes: 中国民生银行, 上海浦发银行.
        List<String> ours = expected.subList(1, expected.size()).stream()
                .map(line -> line.replace(",民生银行,", ",中国民生银行,").replace(",上海浦东银行,", ",上海浦发银行,"))
                .toList();
        assertThat(written.subList(1, written.size())).containsExactlyInAnyOrderElementsOf(ours);
        assertThat(written.get(1)).startsWith("2150503474806,");
    }

    @Test
    void aRefundOrAReversalIsANegativeLineWithStatus5() {
        ReportRow refund = new ReportRow(ReportRow.Kind.REFUND, "refund:1", "0930918663168", "20190910175628", "101001",
                "2019091042358000", "20190911", 3000, 7, beijing("2019-09-11T10:00:00"), OnlineBankingProduct.IDENTITY.reportCode(), "8",
                "充值,第2批", "2019091100000001", null);
        ReportRow reversed = new ReportRow(ReportRow.Kind.CANCELLED_PAYOUT, "instant-payment:9", "PO1", "20190911143734",
                null, "2019091145644000", "20190912", 50, 0, beijing("2019-09-12T09:30:00"), InstantPaymentProduct.IDENTITY.reportCode(),
                null, "放款", null, null);

        assertThat(CsvReportFormat.detail("201901020002021200", RefundPaybillColumn.NO_ORDER, List.of(refund)))
                .endsWith("\n0930918663168,201901020002021200,20190910 17:56:28,101001,0930918663168,20190911,-30,0,5,"
                        + "20190911 10:00:00,-0.07,网银支付渠道,网银支付(信用卡),充值 第2批\n");
        assertThat(CsvReportFormat.detail("201901020002021200", RefundPaybillColumn.OID_REFUNDNO, List.of(refund)))
                .contains(",2019091100000001,20190911,-30,");
        assertThat(CsvReportFormat.payouts("201907020003025210", BANKS, List.of(reversed)))
                .endsWith("\nPO1,201907020003025210,20190911 14:37:34,202000,2019091145644000,20190912,-.5,1,5,"
                        + "20190912 09:30:00,0,实时付款渠道,余额支付,放款,,,\n");
    }

    @Test
    void amountsAreUnpaddedAndThePayoutFilesDropTheLeadingZero() {
        assertThat(Arrays.asList(CsvReportFormat.amount(52160), CsvReportFormat.amount(100), CsvReportFormat.amount(10),
                CsvReportFormat.amount(0), CsvReportFormat.amount(-3000), CsvReportFormat.amount(2000000)))
                .containsExactly("521.6", "1", "0.1", "0", "-30", "20000");
        assertThat(Arrays.asList(CsvReportFormat.payoutAmount(60), CsvReportFormat.payoutAmount(200),
                CsvReportFormat.payoutAmount(908760), CsvReportFormat.payoutAmount(0), CsvReportFormat.payoutAmount(-5)))
                .containsExactly(".6", "2", "9087.6", "0", "-.05");
    }

    @Test
    void theReaderTellsTheLayoutsApartByTheirHeader() {
        ReportFormat.Parsed csv = ReportFormat.parse(new String(sample("JYMX_201901020002021200_201908.txt"),
                StandardCharsets.UTF_8));
        ReportFormat.Parsed doc = ReportFormat.parse(ReportFormat.HEADER + "\n");
        ReportFormat.Parsed neither = ReportFormat.parse("no_order,oid_partner\n");

        assertThat(csv.layout()).isEqualTo(ReportLayout.CSV);
        assertThat(csv.problems()).isEmpty();
        assertThat(csv.lines()).extracting(ReportFormat.Line::paybill, ReportFormat.Line::status,
                        ReportFormat.Line::updated, ReportFormat.Line::fee)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2019082632469100", "0", "20190826 16:12:05", "0.1"),
                        org.assertj.core.groups.Tuple.tuple("2019082632483300", "0", "20190826 16:13:49", "0.1"));
        assertThat(doc.layout()).isEqualTo(ReportLayout.DOC);
        assertThat(doc.problems()).isEmpty();
        assertThat(neither.problems()).hasSize(1);
    }

    private static ReportRow payment(String noOrder, String dtOrder, String paybill, String settleDate, long fen,
                                     long fee, String paidAt, String info) {
        return new ReportRow(ReportRow.Kind.PAYMENT, "online-banking:" + paybill, noOrder, dtOrder, "101001", paybill,
                settleDate, fen, fee, beijing(paidAt), OnlineBankingProduct.IDENTITY.reportCode(), "1", info, null, null);
    }

    private static ReportRow payout(int id, String noOrder, String dtOrder, String paybill, String settleDate, long fen,
                                    long fee, String paidAt, String info, String bankCode) {
        return new ReportRow(ReportRow.Kind.PAYOUT, "instant-payment:" + id, noOrder, dtOrder, null, paybill,
                settleDate, fen, fee, beijing(paidAt), InstantPaymentProduct.IDENTITY.reportCode(), null, info, null, bankCode);
    }

    private static Instant beijing(String localTime) {
        return LocalDateTime.parse(localTime).atZone(BEIJING).toInstant();
    }

    /** The sample with LLGate's online banking product and debit pay type in columns 12 and 13 of each line. */
    private static byte[] withOurProduct(byte[] sample) {
        List<String> lines = lines(new String(sample, StandardCharsets.UTF_8));
        StringBuilder file = new StringBuilder(lines.get(0)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            fields[11] = "网银支付渠道";
            fields[12] = "网银支付(借记卡)";
            file.append(String.join(",", fields)).append('\n');
        }
        return file.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        lines.remove(lines.size() - 1);
        return lines;
    }

    private static byte[] firstLine(byte[] bytes) {
        int end = 0;
        while (bytes[end] != '\n') {
            end++;
        }
        return Arrays.copyOf(bytes, end);
    }

    static byte[] sample(String name) {
        try (InputStream in = CsvReportFormatTest.class.getResourceAsStream("samples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
