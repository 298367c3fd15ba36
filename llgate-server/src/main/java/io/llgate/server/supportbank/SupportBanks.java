package io.llgate.server.supportbank;

import io.llgate.protocol.RetCode;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.reference.BankNames;
import io.llgate.server.reference.CardType;
import io.llgate.server.reference.CollectionBank;
import io.llgate.server.reference.CollectionBanks;
import io.llgate.server.reference.CollectionChannel;
import java.util.List;
import java.util.Optional;

/**
 * The banks a collection product accepts on a channel (spec 14 §3a), from the collection products' bank tables:
 * every bank for a kind of card, or the one asked for.
 */
final class SupportBanks {
    private final CollectionBanks banks;
    private final BankNames names;

    SupportBanks(CollectionBanks banks, BankNames names) {
        this.banks = banks;
        this.names = names;
    }

    /**
     * The banks accepted for this kind of card, by {@code bank_code}; with {@code bankCode}, only that bank, and
     * {@code 1805} when the product does not accept it on this channel for this kind of card (D14). A pair with no
     * table has no bank (D17).
     */
    List<SupportBank> accepted(CollectionChannel channel, CardType cardType, Optional<String> bankCode) {
        if (bankCode.isPresent()) {
            CollectionBank bank = banks.find(channel, bankCode.get(), cardType)
                    .orElseThrow(() -> Refusal.of(RetCode.BANK_NOT_SUPPORTED));
            return List.of(named(bank));
        }
        return banks.accepting(channel, cardType).stream().map(this::named).toList();
    }

    private SupportBank named(CollectionBank bank) {
        return new SupportBank(bank, names.of(bank.bankCode()).orElseThrow());
    }
}
