package io.llgate.client;

/**
 * One bank of a support bank answer, spec 14 §3a: a bank the product accepts, its limits for the kind of card, and
 * whether it is under maintenance ({@code bank_status} {@code 2}; it stays listed).
 */
public record SupportBank(String bankCode, String bankName, CardType cardType, CardLimits limits,
                          boolean underMaintenance) {
}
