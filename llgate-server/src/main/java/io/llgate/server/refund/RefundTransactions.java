package io.llgate.server.refund;

import io.llgate.protocol.Amounts;
import io.llgate.server.kernel.Facts;
import io.llgate.server.kernel.ProductCatalogue;
import io.llgate.server.kernel.TransactionRef;
import io.llgate.server.kernel.TransactionRow;
import io.llgate.server.kernel.TransactionTable;
import io.llgate.server.kernel.TransactionSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Refunds in the operators' transaction list and pages, and the refunds of any product's payment. */
final class RefundTransactions implements TransactionSource {
    private final RefundStore store;
    private final ProductCatalogue catalogue;

    RefundTransactions(RefundStore store, ProductCatalogue catalogue) {
        this.store = store;
        this.catalogue = catalogue;
    }

    @Override
    public TransactionTable table() {
        return RefundStore.TRANSACTIONS;
    }

    @Override
    public Optional<Detail> detail(Handle h, long id) {
        return RefundStore.TRANSACTIONS.row(h, id).map(row -> {
            Refund refund = store.byId(h, id);
            String failure = store.failureReason(h, id).orElse(null);
            List<Event> timeline = new ArrayList<>();
            timeline.add(new Event(row.createdAt(), "applied; handed to the bank"));
            if (refund.completedAt() != null) {
                timeline.add(new Event(refund.completedAt(), "bank answered: " + row.status()
                        + (failure == null ? "" : " (" + failure + ")")));
            }
            Facts facts = new Facts()
                    .add("no_refund", refund.noRefund())
                    .add("dt_refund", refund.dtRefund())
                    .add("fee_refund", Amounts.format(refund.feeRefund()))
                    .add("from_unsettled", Amounts.format(refund.debit().fromUnsettled()))
                    .add("from_available", Amounts.format(refund.debit().fromAvailable()))
                    .add("settle_date", refund.settleDate())
                    .add("failure_reason", failure)
                    .add("refunded_product", refund.product())
                    .add("dt_order", refund.dtOrder())
                    .add("notify_url", refund.notifyUrl());
            Optional<TransactionRef> original = catalogue.byName(refund.product())
                    .map(product -> new TransactionRef(product, refund.orderId()));
            return new Detail(row, row.refundNumber(), timeline, facts.map(), original);
        });
    }

    @Override
    public List<TransactionRow> refundsOf(Handle h, TransactionRef payment) {
        return store.transactionsRefunding(h, payment.product().name(), payment.id());
    }
}
