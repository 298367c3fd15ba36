package io.llgate.server.refund;

import io.llgate.server.ledger.BusinessDays;
import io.llgate.server.kernel.ProductCatalogue;
import io.llgate.server.kernel.ReportRow;
import io.llgate.server.kernel.TransactionRef;
import io.llgate.server.kernel.ReportRowSource;
import io.llgate.server.store.Columns;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Refunds' rows of the report files: every successful refund, on its own settle_date, with the original
 * payment's fields it copied and the fee it gave back.
 */
public final class RefundReportRows implements ReportRowSource {
    private final ProductCatalogue products;

    RefundReportRows(ProductCatalogue products) {
        this.products = products;
    }

    @Override
    public List<ReportRow> rows(Handle h, long merchantId, LocalDate from, LocalDate to) {
        return h.createQuery("""
                        SELECT id, no_order, dt_order, busi_partner, oid_paybill, settle_date, money_refund, fee_refund,
                               completed_at, product, pay_type, info_order, oid_refundno
                        FROM refund
                        WHERE merchant_id = :merchant AND status = 'SUCCESS' AND settle_date BETWEEN :from AND :to""")
                .bind("merchant", merchantId)
                .bind("from", BusinessDays.format(from))
                .bind("to", BusinessDays.format(to))
                .map((rs, ctx) -> new ReportRow(ReportRow.Kind.REFUND,
                        // The reference the refund's ledger entries carry.
                        new TransactionRef(RefundProduct.IDENTITY, rs.getLong("id")).text(),
                        rs.getString("no_order"),
                        rs.getString("dt_order"),
                        rs.getString("busi_partner"),
                        rs.getString("oid_paybill"),
                        rs.getString("settle_date"),
                        rs.getLong("money_refund"),
                        rs.getLong("fee_refund"),
                        Columns.instant(rs, "completed_at"),
                        products.byName(rs.getString("product")).orElseThrow().reportCode(),
                        rs.getString("pay_type"),
                        rs.getString("info_order"),
                        rs.getString("oid_refundno"),
                        null))
                .list();
    }
}
