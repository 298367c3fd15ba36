package io.llgate.server.bank;

/** A refund for the bank: our reference ({@code oid_refundno}), the original payment's and the amount in fen. */
public record RefundInstruction(String reference, String paymentReference, long amountFen) {
}
