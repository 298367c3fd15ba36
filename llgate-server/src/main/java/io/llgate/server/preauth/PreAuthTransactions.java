package io.llgate.server.preauth;

import io.llgate.protocol.Amounts;
import io.llgate.server.kernel.Facts;
import io.llgate.server.kernel.TransactionSource;
import io.llgate.server.kernel.TransactionTable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Pre-authorizations in the operators' transaction list and pages; the card shows only as its mask. Their
 * notification is the easypay payment's that authorized, listed with that payment (the same {@code oid_paybill}).
 */
final class PreAuthTransactions implements TransactionSource {
    private final PreAuthStore store;
    private final Clock clock;

    PreAuthTransactions(PreAuthStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public TransactionTable table() {
        return PreAuthStore.TRANSACTIONS;
    }

    @Override
    public Optional<Detail> detail(Handle h, long id) {
        return PreAuthStore.TRANSACTIONS.row(h, id).map(row -> {
            PreAuth auth = store.byId(h, id);
            List<Event> timeline = new ArrayList<>();
            timeline.add(new Event(auth.authorizedAt(), "authorized by the card's issuer: "
                    + Amounts.format(auth.moneyAuthorized())));
            switch (auth.status()) {
                case CAPTURED -> timeline.add(new Event(auth.capturedAt(), "captured: "
                        + Amounts.format(auth.moneyOrder())));
                case CANCELLED -> timeline.add(new Event(auth.updatedAt(), "cancelled; the hold is released"));
                case EXPIRED -> timeline.add(new Event(auth.updatedAt(), "expired; the hold is released"));
                case AUTHORIZED -> timeline.add(new Event(auth.expiresAt(), "hold ends"));
            }
            Facts facts = new Facts()
                    .add("card_no", auth.cardMasked())
                    .add("dt_order", auth.dtOrder())
                    .add("user_id", auth.userId())
                    .add("busi_partner", auth.busiPartner())
                    .add("pay_type", PreAuthMessages.PAY_TYPE)
                    .add("money_authorized", Amounts.format(auth.moneyAuthorized()))
                    .add("money_captured", auth.moneyCaptured() == null ? null : Amounts.format(auth.moneyCaptured()))
                    .add("fee", auth.fee() == null ? null : Amounts.format(auth.fee()))
                    .add("settle_date", auth.settleDate())
                    .add("state_now", auth.statusAt(clock.instant()).code())
                    .add("expires_at", auth.expiresAt())
                    .add("info_order", auth.infoOrder());
            return new Detail(row, null, timeline, facts.map(), Optional.empty());
        });
    }
}
