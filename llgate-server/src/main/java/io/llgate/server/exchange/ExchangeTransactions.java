package io.llgate.server.exchange;

import io.llgate.server.card.CardOrderTimeline;
import io.llgate.server.card.HolderSeal;
import io.llgate.server.kernel.Facts;
import io.llgate.server.kernel.TransactionSource;
import io.llgate.server.kernel.TransactionTable;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Exchange orders in the operators' transaction list and pages, with their amount in the order's currency and the
 * price they were frozen at. The card, the identity number and the mobile show only masked; the holder's name not at
 * all.
 */
final class ExchangeTransactions implements TransactionSource {
    private final ExchangeStore store;
    private final HolderSeal seal;

    ExchangeTransactions(ExchangeStore store, HolderSeal seal) {
        this.store = store;
        this.seal = seal;
    }

    @Override
    public TransactionTable table() {
        return ExchangeStore.TRANSACTIONS;
    }

    @Override
    public Optional<Detail> detail(Handle h, long id) {
        return ExchangeStore.TRANSACTIONS.row(h, id).map(row -> {
            ExchangeOrder order = store.byId(h, id);
            List<Event> timeline = CardOrderTimeline.of(row,
                    "applied at " + order.price().exchangeRate() + " CNY per " + order.moneyOrder().currency(),
                    order.smsToken() != null, order.paidAt(), "charged " + order.price().pay() + " to the card",
                    order.status() == ExchangeStatus.WAITING ? order.expiresAt() : null, order.memo());
            ExchangePrice price = order.price();
            Facts facts = new Facts()
                    .add("currency_order", price.order().currency().getCurrencyCode())
                    .add("money_order", price.order().wire())
                    .add("exchange_rate", price.exchangeRate())
                    .add("money_pay", price.pay().wire() + " CNY")
                    .add("fee", price.fee().wire())
                    .add("money_settle", price.settle().wire());
            seal.addMasked(facts, order.holder(), order.bankCode(), order.bankName(), order.cardType())
                    .add("no_agree", order.noAgree())
                    .add("pay_type", order.payType().code())
                    .add("dt_order", order.dtOrder())
                    .add("name_goods", order.nameGoods())
                    .add("user_id", order.userId())
                    .add("platform", order.platform())
                    .add("busi_partner", order.busiPartner())
                    .add("settle_date", order.settleDate())
                    .add("fail_code", order.failCode())
                    .add("memo", order.memo())
                    .add("info_order", order.infoOrder())
                    .add("notify_url", order.notifyUrl());
            return new Detail(row, row.oidPaybill(), timeline, facts.map(), Optional.empty());
        });
    }
}
