package io.llgate.server.exchange;

import io.llgate.server.kernel.ReportRow;
import io.llgate.server.kernel.ReportRowSource;
import io.llgate.server.kernel.TransactionRef;
import io.llgate.server.ledger.BusinessDays;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Exchange payment's rows of the report files: every paid order on its settle_date, its amount and fee in the order's
 * currency, with the yuan the payer paid and the rate.
 */
final class ExchangeReportRows implements ReportRowSource {
    private final ExchangeStore store;

    ExchangeReportRows(ExchangeStore store) {
        this.store = store;
    }

    @Override
    public List<ReportRow> rows(Handle h, long merchantId, LocalDate from, LocalDate to) {
        return store.paidBetween(h, merchantId, BusinessDays.format(from), BusinessDays.format(to)).stream()
                .map(ExchangeReportRows::row)
                .toList();
    }

    private static ReportRow row(ExchangeOrder order) {
        ExchangePrice price = order.price();
        return new ReportRow(ReportRow.Kind.PAYMENT,
                new TransactionRef(ExchangeProduct.IDENTITY, order.id()).text(),
                order.noOrder(), order.dtOrder(), order.busiPartner(), order.oidPaybill(), order.settleDate(),
                price.order().minor(), price.fee().minor(), order.paidAt(), ExchangeProduct.IDENTITY.reportCode(),
                order.payType().code(), order.infoOrder(), null, null, price.order().currency(), price.pay().minor(),
                price.exchangeRate());
    }
}
