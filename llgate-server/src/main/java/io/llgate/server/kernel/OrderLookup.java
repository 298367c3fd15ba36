package io.llgate.server.kernel;

import io.llgate.protocol.RetCode;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A merchant's transaction named by its {@code no_order}, its {@code oid_paybill}, or both, as the query APIs and
 * refunds name it. With both, each must name the same transaction: otherwise the answer is 9092, even when only one
 * of them finds anything.
 */
public record OrderLookup(Optional<String> noOrder, Optional<String> oidPaybill) {

    public OrderLookup {
        if (noOrder.isEmpty() && oidPaybill.isEmpty()) {
            throw new IllegalArgumentException("a lookup needs no_order or oid_paybill");
        }
    }

    /**
     * The transaction among {@code found} (the merchant's transactions whose {@code no_order} or {@code oid_paybill}
     * is one of those asked for) that the lookup names; none when nothing was found; 9092 when the two numbers
     * disagree.
     */
    public <T> Optional<T> pick(List<T> found, Function<T, String> noOrderOf, Function<T, String> oidPaybillOf) {
        if (found.isEmpty()) {
            return Optional.empty();
        }
        T first = found.get(0);
        boolean agrees = found.size() == 1
                && noOrder.map(n -> n.equals(noOrderOf.apply(first))).orElse(true)
                && oidPaybill.map(p -> p.equals(oidPaybillOf.apply(first))).orElse(true);
        if (!agrees) {
            throw Refusal.of(RetCode.PAYBILL_ORDER_MISMATCH);
        }
        return Optional.of(first);
    }
}
