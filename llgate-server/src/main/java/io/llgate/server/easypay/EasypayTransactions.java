package io.llgate.server.easypay;

import io.llgate.protocol.Amounts;
import io.llgate.server.card.CardOrderTimeline;
import io.llgate.server.card.HolderSeal;
import io.llgate.server.kernel.Facts;
import io.llgate.server.kernel.TransactionSource;
import io.llgate.server.kernel.TransactionTable;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Easypay orders in the operators' transaction list and pages. The card, the identity number and the mobile show
 * only masked, as the console masks them; the holder's name not at all. An order with {@code pay_type} {@code F}
 * stays AUTHORIZED here: its capture, cancel or expiry is the pre-authorization's, listed under the same
 * {@code oid_paybill}.
 */
final class EasypayTransactions implements TransactionSource {
    private final EasypayStore store;
    private final HolderSeal seal;

    EasypayTransactions(EasypayStore store, HolderSeal seal) {
        this.store = store;
        this.seal = seal;
    }

    @Override
    public TransactionTable table() {
        return EasypayStore.TRANSACTIONS;
    }

    @Override
    public Optional<Detail> detail(Handle h, long id) {
        return EasypayStore.TRANSACTIONS.row(h, id).map(row -> {
            EasypayOrder order = store.byId(h, id);
            List<Event> timeline = CardOrderTimeline.of(row, "applied", order.smsToken() != null, order.paidAt(),
                    order.status() == EasypayStatus.AUTHORIZED ? "authorized on the credit card" : "charged to the card",
                    order.status() == EasypayStatus.WAITING ? order.expiresAt() : null, order.failCode());
            Facts facts = new Facts();
            seal.addMasked(facts, order.holder(), order.bankCode(), order.bankName(), order.cardType())
                    .add("no_agree", order.noAgree())
                    .add("pay_type", order.payType().code())
                    .add("dt_order", order.dtOrder())
                    .add("name_goods", order.nameGoods())
                    .add("user_id", order.userId())
                    .add("platform", order.platform())
                    .add("busi_partner", order.busiPartner())
                    .add("fee", order.paidAt() == null ? null : Amounts.format(order.fee()))
                    .add("settle_date", order.settleDate())
                    .add("fail_code", order.failCode())
                    .add("info_order", order.infoOrder())
                    .add("notify_url", order.notifyUrl());
            return new Detail(row, row.oidPaybill(), timeline, facts.map(), Optional.empty());
        });
    }
}
