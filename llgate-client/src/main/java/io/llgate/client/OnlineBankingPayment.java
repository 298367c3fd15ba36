package io.llgate.client;

import io.llgate.protocol.Amounts;
import java.util.Optional;

/**
 * An online banking payment as the gateway reports it in a result query, spec 11 §4.
 *
 * @param moneyOrderFen the amount in fen
 * @param resultPay {@code WAITING} until the payer pays, then {@code SUCCESS}; {@code FAILURE} when the bank
 *                  declined or the order closed unpaid
 * @param settleDate {@code yyyyMMdd}, on success
 * @param payType {@code 1} debit, {@code 8} credit, {@code 9} enterprise online banking; absent until known
 * @param bankCode the payer's bank, once chosen
 * @param memo query version 1.1 only: the bank's word on the payment, e.g. {@code 支付成功}. Not signed: the
 *             gateway's signature does not cover it, so it is for showing, never for deciding
 * @param bankName query version 1.1 only: the bank's Chinese name. Not signed, like {@code memo}
 */
public record OnlineBankingPayment(String noOrder, String dtOrder, String oidPaybill, long moneyOrderFen,
                                   ResultPay resultPay, Optional<String> settleDate, Optional<String> infoOrder,
                                   Optional<String> payType, Optional<String> bankCode, Optional<String> memo,
                                   Optional<String> bankName, VerifiedMessage reply) {

    /** {@code money_order} as on the wire, with two decimals. */
    public String moneyOrder() {
        return Amounts.format(moneyOrderFen);
    }
}
