package io.llgate.server.onlinebanking;

import io.llgate.server.ledger.BusinessDays;
import io.llgate.server.kernel.ReportRow;
import io.llgate.server.kernel.TransactionRef;
import io.llgate.server.kernel.ReportRowSource;
import io.llgate.server.store.Columns;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Online banking's rows of the report files: every paid order, on its settle_date, with the fee it was charged. */
public final class PaymentReportRows implements ReportRowSource {
    @Override
    public List<ReportRow> rows(Handle h, long merchantId, LocalDate from, LocalDate to) {
        return h.createQuery("""
                        SELECT id, no_order, dt_order, busi_partner, oid_paybill, settle_date, money_order, fee, paid_at,
                               pay_type, info_order
                        FROM online_banking_order
                        WHERE merchant_id = :merchant AND status = 'SUCCESS' AND settle_date BETWEEN :from AND :to""")
                .bind("merchant", merchantId)
                .bind("from", BusinessDays.format(from))
                .bind("to", BusinessDays.format(to))
                .map((rs, ctx) -> new ReportRow(ReportRow.Kind.PAYMENT,
                        // The reference OnlineBankingPayments gives the receipt in the ledger.
                        new TransactionRef(OnlineBankingProduct.IDENTITY, rs.getLong("id")).text(),
                        rs.getString("no_order"),
                        rs.getString("dt_order"),
                        rs.getString("busi_partner"),
                        rs.getString("oid_paybill"),
                        rs.getString("settle_date"),
                        rs.getLong("money_order"),
                        // Orders paid before fees existed carry none.
                        rs.getLong("fee"),
                        Columns.instant(rs, "paid_at"),
                        OnlineBankingProduct.IDENTITY.reportCode(),
                        rs.getString("pay_type"),
                        rs.getString("info_order"),
                        null,
                        null))
                .list();
    }
}
