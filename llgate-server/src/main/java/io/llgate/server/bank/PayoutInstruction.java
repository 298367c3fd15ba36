package io.llgate.server.bank;

/** A payout for the bank: our reference ({@code oid_paybill}), the payee and the amount in fen. */
public record PayoutInstruction(String reference, String cardNo, String acctName, String bankCode, long amountFen) {

    @Override
    public String toString() {
        return "PayoutInstruction[reference=" + reference + ", amountFen=" + amountFen + "]";
    }
}
