package io.llgate.server.onlinebanking;

import io.llgate.protocol.Amounts;
import io.llgate.server.kernel.Facts;
import io.llgate.server.kernel.TransactionTable;
import io.llgate.server.kernel.TransactionSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Online banking orders in the operators' transaction list and pages. */
final class OnlineBankingTransactions implements TransactionSource {
    private final OnlineBankingStore store;

    OnlineBankingTransactions(OnlineBankingStore store) {
        this.store = store;
    }

    @Override
    public TransactionTable table() {
        return OnlineBankingStore.TRANSACTIONS;
    }

    @Override
    public Optional<Detail> detail(Handle h, long id) {
        return OnlineBankingStore.TRANSACTIONS.row(h, id).map(row -> {
            OnlineBankingOrder order = store.byId(h, id);
            OnlineBankingStore.Moments moments = store.moments(h, id);
            List<Event> timeline = new ArrayList<>();
            timeline.add(new Event(row.createdAt(), "ordered; the payer is sent to the cashier"));
            if (moments.paidAt() != null) {
                timeline.add(new Event(moments.paidAt(), "paid at the payer's bank"));
            }
            if (moments.returnedAt() != null) {
                timeline.add(new Event(moments.returnedAt(), "payer returned to url_return"));
            }
            if (!moments.updatedAt().equals(row.createdAt())) {
                timeline.add(new Event(moments.updatedAt(), "last change: " + row.status()));
            }
            timeline.add(new Event(order.expiresAt(), "valid_order ends"));
            Facts facts = new Facts()
                    .add("dt_order", order.dtOrder())
                    .add("name_goods", order.nameGoods())
                    .add("user_id", order.userId())
                    .add("pay_type", order.payTypeIfKnown().map(PayType::code).orElse(null))
                    .add("bank_code", order.bankCode())
                    .add("fee", moments.fee() == null ? null : Amounts.format(moments.fee()))
                    .add("settle_date", order.settleDate())
                    .add("memo", order.memo())
                    .add("info_order", order.infoOrder())
                    .add("notify_url", order.notifyUrl())
                    .add("url_return", order.urlReturn());
            return new Detail(row, row.oidPaybill(), timeline, facts.map(), Optional.empty());
        });
    }
}
