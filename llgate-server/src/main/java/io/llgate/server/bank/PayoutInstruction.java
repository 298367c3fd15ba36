package io.llgate.server.bank;

/**
 * A payout for the bank: our reference ({@code oid_paybill}), the card or account number, the payee's name, who
 * the payee is (personal card or corporate account, with its bank and branch) and the amount in fen.
 */
public record PayoutInstruction(String reference, String cardNo, String acctName, Payee payee, long amountFen) {

    @Override
    public String toString() {
        return "PayoutInstruction[reference=" + reference + ", payee=" + payee.kind() + ", amountFen=" + amountFen + "]";
    }
}
