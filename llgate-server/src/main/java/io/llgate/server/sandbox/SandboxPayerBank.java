package io.llgate.server.sandbox;

import io.llgate.protocol.RetCode;
import io.llgate.server.bank.PayerBank;
import io.llgate.server.bank.PayerBankListener;
import io.llgate.server.bank.PayerBankPayment;
import io.llgate.server.bank.PayerBankReturn;
import io.llgate.server.kernel.Refusal;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The sandbox's payer bank: its site ({@link SandboxBankRoutes}, {@code /bank/{reference}}) shows the payment handed
 * over and lets the payer approve or decline, standing in for a real bank's login, U-key and password. It keeps
 * nothing of its own: the product that handed the payment over tells it what the payment is, and takes its answer.
 */
public final class SandboxPayerBank implements PayerBank {

    @Override
    public boolean isSandbox() {
        return true;
    }
    private final Supplier<List<PayerBankListener>> listeners;

    /** {@code listeners}: every product that hands payers over, known once all products started. */
    public SandboxPayerBank(Supplier<List<PayerBankListener>> listeners) {
        this.listeners = listeners;
    }

    @Override
    public String handOver(PayerBankPayment payment) {
        return page(payment.reference());
    }

    /** The bank's page of a hand-over. */
    static String page(String reference) {
        return "/bank/" + reference;
    }

    /** A payment handed over, and the product that handed it over, which takes the bank's answer. */
    record HandedOver(PayerBankListener by, PayerBankPayment payment) {

        /** The bank's answer, applied by the product that handed the payment over. */
        PayerBankReturn answer(boolean paid) {
            return by.answered(payment.reference(), paid);
        }
    }

    /** The payment handed over under {@code reference}, as it stands; 8901 when no product handed one over under it. */
    HandedOver handedOver(String reference) {
        for (PayerBankListener listener : listeners.get()) {
            Optional<PayerBankPayment> payment = listener.handedOver(reference);
            if (payment.isPresent()) {
                return new HandedOver(listener, payment.get());
            }
        }
        throw Refusal.of(RetCode.NO_RECORD);
    }
}
