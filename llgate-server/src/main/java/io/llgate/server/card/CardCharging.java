package io.llgate.server.card;

import io.llgate.protocol.RetCode;
import io.llgate.server.bank.CardCharge;
import io.llgate.server.bank.CardIssuer;
import io.llgate.server.bank.IssuerAnswer;
import io.llgate.server.kernel.Refusal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * How a card payment's order is charged (easypay, MPAY, exchange), in three steps: the product has moved the order to
 * processing and committed (so a second verify or apply finds it charging and charges nothing); the issuer is asked
 * with no lock held; and its answer is written under the order's lock, unless the issuer's late answer was written
 * meanwhile (the first answer holds): paid, declined, or still pending until the late answer, which
 * {@link #answered} writes the same way. What a paid order does (bind, notify, book) is the product's.
 *
 * @param <O> the product's order
 */
public final class CardCharging<O extends CardCharging.Order> {

    /** A card payment's order, as the charge steps read it. */
    public interface Order {
        long id();

        /** Whether the order is waiting for the issuer's answer. */
        boolean charging();

        /** The issuer's refusal of the order's charge, when it was declined. */
        Optional<String> declineCode();
    }

    /** The product's store of orders, as the charge steps find and write them. */
    public interface Orders<O> {
        /** The order charged under {@code oidPaybill}, of any merchant, locked until the transaction ends. */
        Optional<O> lockByPaybill(Handle h, String oidPaybill);

        /** The order as it is stored now. */
        O byId(Handle h, long id);

        /** Writes the issuer's decline: its code, and its message where the product keeps one. */
        void declined(Handle h, O order, RetCode refusal, Instant now);
    }

    /** What a paid order of the product does (bind, notify, book), in the caller's transaction. */
    @FunctionalInterface
    public interface Approval<O> {
        void approved(Handle h, O order, Instant now);
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final CardIssuer issuer;
    private final Orders<O> orders;
    private final Approval<O> approval;

    public CardCharging(Jdbi jdbi, Clock clock, CardIssuer issuer, Orders<O> orders, Approval<O> approval) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.issuer = issuer;
        this.orders = orders;
        this.approval = approval;
    }

    /**
     * Asks the issuer for the charge of an order in processing and writes its answer; answers the order after it. A
     * decline is thrown as its code ({@code 1005} when the code is not one of the table).
     */
    public O charge(CardCharge charge) {
        IssuerAnswer answer = issuer.charge(charge);
        O after = jdbi.inTransaction(h -> {
            O order = orders.lockByPaybill(h, charge.reference()).orElseThrow();
            return order.charging() ? settle(h, order, answer) : order;
        });
        after.declineCode().ifPresent(code -> {
            throw Refusal.of(RetCode.of(code).orElse(RetCode.PAYMENT_FAILED));
        });
        return after;
    }

    /** The issuer's late answer to a charge it left pending, named by the order's {@code oid_paybill}. */
    public boolean answered(String oidPaybill, IssuerAnswer answer) {
        return jdbi.inTransaction(h -> orders.lockByPaybill(h, oidPaybill)
                .filter(Order::charging)
                .map(order -> settle(h, order, answer))
                .isPresent());
    }

    /** Writes the issuer's answer to an order in processing, in the caller's transaction. */
    private O settle(Handle h, O order, IssuerAnswer answer) {
        Instant now = clock.instant();
        switch (answer.outcome()) {
            case PENDING -> {
                return order;
            }
            case DECLINED -> orders.declined(h, order, answer.refusal(), now);
            case APPROVED -> approval.approved(h, order, now);
        }
        return orders.byId(h, order.id());
    }
}
