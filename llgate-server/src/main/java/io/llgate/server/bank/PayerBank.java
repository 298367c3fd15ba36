package io.llgate.server.bank;

/**
 * The seam to the payer's own bank, where a payer in a browser pays (online banking; card payments next). The gateway
 * hands the payer over with the payment; the bank's answer, paid or declined, reaches the product that handed it over
 * through its {@link PayerBankListener}. The sandbox bank is one implementation; a real bank's connector replaces it.
 */
public interface PayerBank extends Channel {

    @Override
    default String purpose() {
        return "payer bank";
    }

    /** Hands the payer over to pay {@code payment}: answers the address the payer's browser opens at the bank. */
    String handOver(PayerBankPayment payment);
}
