package io.llgate.client;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.Function;

/**
 * What an exchange payment (spec 23) comes to, as the gateway froze it when the order was applied for: the order's
 * currency and amount, what the merchant is settled ({@code currency_settle}, {@code money_settle}: the order's amount
 * less the fee, in the order's currency), what the payer's card is charged ({@code currency_pay} CNY,
 * {@code money_pay}) and the rate, yuan per unit of the order's currency. Amounts keep the wire's two decimals, also
 * for JPY.
 */
public record ExchangeAmounts(String currencyOrder, BigDecimal moneyOrder, String currencySettle,
                              BigDecimal moneySettle, String currencyPay, BigDecimal moneyPay, BigDecimal exchangeRate) {

    /**
     * Reads the amounts from a message's fields; the settlement fields also under the spelling of LianLian's samples,
     * {@code currency_sellte} and {@code money_sellte} (X1). A field that is missing or malformed is answered by
     * {@code broken}.
     */
    public static ExchangeAmounts read(Function<String, Optional<String>> field,
                                Function<String, RuntimeException> broken) {
        return new ExchangeAmounts(
                text(field, broken, "currency_order"),
                number(field, broken, "money_order"),
                field.apply("currency_settle").or(() -> field.apply("currency_sellte"))
                        .orElseThrow(() -> broken.apply("currency_settle")),
                field.apply("money_settle").or(() -> field.apply("money_sellte")).map(v -> parse(v, "money_settle", broken))
                        .orElseThrow(() -> broken.apply("money_settle")),
                text(field, broken, "currency_pay"),
                number(field, broken, "money_pay"),
                number(field, broken, "exchange_rate"));
    }

    /** The fee the gateway kept, in the order's currency. */
    public BigDecimal fee() {
        return moneyOrder.subtract(moneySettle);
    }

    private static String text(Function<String, Optional<String>> field, Function<String, RuntimeException> broken,
                               String name) {
        return field.apply(name).orElseThrow(() -> broken.apply(name));
    }

    private static BigDecimal number(Function<String, Optional<String>> field,
                                     Function<String, RuntimeException> broken, String name) {
        return parse(text(field, broken, name), name, broken);
    }

    private static BigDecimal parse(String text, String name, Function<String, RuntimeException> broken) {
        if (!text.matches("[0-9]+(\\.[0-9]{1,4})?")) {
            throw broken.apply(name);
        }
        return new BigDecimal(text);
    }
}
