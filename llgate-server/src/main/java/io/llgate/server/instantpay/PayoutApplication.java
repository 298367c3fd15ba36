package io.llgate.server.instantpay;

/** A validated apply request. {@code memo} is already filtered to the characters banks accept. */
public record PayoutApplication(
        String noOrder,
        String dtOrder,
        long moneyOrder,
        String flagCard,
        String cardNo,
        String acctName,
        String bankCode,
        String infoOrder,
        String memo,
        String notifyUrl,
        String apiVersion) {

    @Override
    public String toString() {
        return "PayoutApplication[noOrder=" + noOrder + ", moneyOrder=" + moneyOrder + "]";
    }
}
