package io.llgate.server.onlinebanking;

/** The sandbox bank's payment page: the order, the bank and where the payer's decision goes. */
public record BankPage(OrderView order, String bankName, String bankCode, String payTypeLabel, String action) {
}
