package io.llgate.server.bank;

import java.util.Optional;

/**
 * What a product that hands payers to their bank tells the bank: the payment behind a reference, and what the bank's
 * answer does. A payment that can no longer be paid (paid, closed, declined) is refused with the product's refusal.
 */
public interface PayerBankListener {

    /** The payment handed over under {@code reference}, as it stands now; empty when the reference is not this product's. */
    Optional<PayerBankPayment> handedOver(String reference);

    /** The bank's answer for the payment under {@code reference}, paid or declined, applied once. */
    PayerBankReturn answered(String reference, boolean paid);
}
