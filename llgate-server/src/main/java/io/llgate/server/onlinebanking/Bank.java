package io.llgate.server.onlinebanking;

import java.util.Set;

/**
 * A bank the cashier offers: its 8-digit {@code bank_code}, its Chinese name, the kinds of online banking
 * it serves, and whether its site sends the payer back after paying (ICBC's does not).
 */
public record Bank(String bankCode, String bankName, String englishName, Set<PayType> payTypes,
                   boolean returnsToMerchant) {

    public Bank {
        payTypes = Set.copyOf(payTypes);
    }

    public boolean offers(PayType type) {
        return payTypes.contains(type);
    }
}
