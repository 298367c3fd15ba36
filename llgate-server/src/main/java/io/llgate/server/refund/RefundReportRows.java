package io.llgate.server.refund;

import io.llgate.server.kernel.ProductCatalogue;
import io.llgate.server.kernel.ReportRow;
import io.llgate.server.kernel.ReportRowSource;
import io.llgate.server.ledger.BusinessDays;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Refunds' rows of the report files: every successful refund, on its own settle_date, with the original
 * payment's fields it copied, the fee it gave back, and the reference its ledger entries carry; in the payment's
 * currency, with the yuan returned to the payer and the payment's rate.
 */
public final class RefundReportRows implements ReportRowSource {
    private final RefundStore store;
    private final ProductCatalogue products;

    RefundReportRows(RefundStore store, ProductCatalogue products) {
        this.store = store;
        this.products = products;
    }

    @Override
    public List<ReportRow> rows(Handle h, long merchantId, LocalDate from, LocalDate to) {
        return store.settledBetween(h, merchantId, RefundStatus.SUCCESS, BusinessDays.format(from), BusinessDays.format(to))
                .stream()
                .map(refund -> new ReportRow(ReportRow.Kind.REFUND,
                        RefundPostings.reference(refund.id()).text(),
                        refund.noOrder(),
                        refund.dtOrder(),
                        refund.busiPartner(),
                        refund.oidPaybill(),
                        refund.settleDate(),
                        refund.moneyRefund(),
                        refund.feeRefund(),
                        refund.completedAt(),
                        products.byName(refund.product()).orElseThrow().reportCode(),
                        refund.payType(),
                        refund.infoOrder(),
                        refund.oidRefundno(),
                        null,
                        refund.currency(),
                        refund.moneyPay(),
                        refund.foreign() ? refund.exchangeRate() : ReportRow.NO_EXCHANGE))
                .toList();
    }
}
