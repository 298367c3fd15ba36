package io.llgate.server.instantpay;

import io.llgate.server.bank.Payee;

/**
 * A validated apply request. {@code memo} is already filtered to the characters banks accept; {@code flagCard} is
 * the value as sent, {@code payee} what it means.
 */
public record PayoutApplication(
        String noOrder,
        String dtOrder,
        long moneyOrder,
        String flagCard,
        Payee payee,
        String cardNo,
        String acctName,
        String infoOrder,
        String memo,
        String notifyUrl,
        String apiVersion) {

    @Override
    public String toString() {
        return "PayoutApplication[noOrder=" + noOrder + ", moneyOrder=" + moneyOrder + "]";
    }
}
