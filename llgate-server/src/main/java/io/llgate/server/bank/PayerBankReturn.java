package io.llgate.server.bank;

/**
 * What became of a bank's answer: whether the payment is paid, and the gateway's page a bank that sends payers back
 * sends the payer to.
 */
public record PayerBankReturn(boolean paid, String gatewayPage) {
}
