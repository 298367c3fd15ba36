package io.llgate.client;

import java.util.Optional;

/**
 * An easypay payment as the payment result query reports it (spec 20 §12).
 *
 * @param resultPay {@code WAITING} until the SMS code is verified, {@code PROCESSING} at the bank, then
 *                  {@code SUCCESS} or {@code FAILURE}
 * @param cardNo    the card, masked ({@code 622202*********0001}); signed
 * @param memo      query version 1.1 only, not signed: for showing, never for deciding
 * @param bankName  query version 1.1 only, not signed
 */
public record EasypayPayment(String noOrder, String dtOrder, String oidPaybill, long moneyOrderFen,
                             ResultPay resultPay, Optional<String> settleDate, Optional<String> payType,
                             Optional<String> bankCode, Optional<String> cardNo, Optional<String> memo,
                             Optional<String> bankName, VerifiedMessage reply) {
}
