package io.llgate.client;

/**
 * One of a payer's bindings in the list, spec 22 §6: what a saved-card picker shows, and the {@code no_agree} to pay
 * or unbind with.
 *
 * @param cardNoLastFour the card number's last four digits
 * @param bindMobile     the mobile reserved at the bank, masked ({@code 138****8000})
 */
public record Binding(String noAgree, String cardNoLastFour, String bankCode, String bankName, CardType cardType,
                      String bindMobile) {
}
