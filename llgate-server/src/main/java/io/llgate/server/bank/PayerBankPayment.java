package io.llgate.server.bank;

/**
 * A payment as the gateway hands it to the payer's bank, and as the bank shows it to the payer.
 *
 * @param reference      the gateway's reference of the hand-over, unguessable: the bank answers with it
 * @param amountFen      what the bank debits, in fen
 * @param bankCode       the payer's bank ({@code bank_code}); null while the payer has not chosen one
 * @param bankName       the bank's name; null while no bank is chosen
 * @param accountKind    which of the payer's accounts the bank debits, in the payer's words
 * @param returnsPayer   whether the bank sends the payer back to the gateway after answering (ICBC's does not)
 * @param payee          the merchant's name
 * @param goods          what the payer pays for
 * @param orderNumber    the merchant's number of the payment
 * @param paybill        the gateway's number of the payment
 * @param chooseBankPage the gateway's page where the payer chooses a bank: where a payer without one is sent
 */
public record PayerBankPayment(
        String reference,
        long amountFen,
        String bankCode,
        String bankName,
        String accountKind,
        boolean returnsPayer,
        String payee,
        String goods,
        String orderNumber,
        String paybill,
        String chooseBankPage) {

    /** Whether the payer chose the bank the payment goes to. */
    public boolean bankChosen() {
        return bankCode != null;
    }
}
