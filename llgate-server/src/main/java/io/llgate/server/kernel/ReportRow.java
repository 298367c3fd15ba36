package io.llgate.server.kernel;

import io.llgate.server.store.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

/**
 * One transaction a product contributes to a merchant's report files. Amounts are the transaction's own, positive,
 * in hundredths of their currency; the file negates a refund's. {@code ledgerReference} is the reference of the ledger entry the
 * transaction made, which reconciliation matches it with.
 *
 * @param kind            a payment, a refund of one, a payout, or a payout the bank reversed
 * @param oidPaybill      the payment's or payout's {@code oid_paybill} (for a refund, the original payment's)
 * @param settleDate      the business day the row belongs to, {@code yyyyMMdd}
 * @param amount          the amount paid, refunded or reversed, in {@code currency} ({@code money_order})
 * @param fee             the fee taken with a payment, or given back with a refund, in {@code currency}
 * @param updatedAt       when the transaction reached its state: paid, refunded or reversed
 * @param refundNumber    a refund's {@code oid_refundno}; null for other rows
 * @param payeeBankCode   a payout's {@code bank_code}, when the merchant gave one; null for other rows
 * @param currency        the currency of {@code amount} and {@code fee}: the order's ({@code currency_order}) and the
 *                        merchant's settlement's ({@code currency_settle})
 * @param moneyPay        the yuan charged to the payer (or returned with a refund), in fen ({@code money_pay}): the
 *                        amount itself for a CNY row
 * @param exchangeRate    yuan per unit of {@code currency} as the wire writes it ({@code exchange_rate}); {@code 1.00}
 *                        for a CNY row
 */
public record ReportRow(
        Kind kind,
        String ledgerReference,
        String noOrder,
        String dtOrder,
        String busiPartner,
        String oidPaybill,
        String settleDate,
        long amount,
        long fee,
        Instant updatedAt,
        ProductIdentity.ReportCode payProduct,
        String payType,
        String infoOrder,
        String refundNumber,
        String payeeBankCode,
        Currency currency,
        long moneyPay,
        String exchangeRate) {

    /** The {@code exchange_rate} of a CNY row. */
    public static final String NO_EXCHANGE = "1.00";

    public ReportRow {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(exchangeRate, "exchangeRate");
    }

    /** A CNY row: the payer paid (or got back) the amount itself. */
    public ReportRow(Kind kind, String ledgerReference, String noOrder, String dtOrder, String busiPartner,
                     String oidPaybill, String settleDate, long amount, long fee, Instant updatedAt,
                     ProductIdentity.ReportCode payProduct, String payType, String infoOrder, String refundNumber,
                     String payeeBankCode) {
        this(kind, ledgerReference, noOrder, dtOrder, busiPartner, oidPaybill, settleDate, amount, fee, updatedAt,
                payProduct, payType, infoOrder, refundNumber, payeeBankCode, Money.CNY, amount, NO_EXCHANGE);
    }

    /** Whether the row is priced in a currency other than CNY (an exchange payment or its refund). */
    public boolean foreign() {
        return !currency.equals(Money.CNY);
    }

    /**
     * A payment product's paid order as its payment row, read from the columns every such order table has: {@code id}
     * (the ledger reference is the product's and the id), {@code no_order}, {@code dt_order}, {@code busi_partner},
     * {@code oid_paybill}, {@code settle_date}, {@code money_order}, {@code fee}, {@code paid_at}, {@code pay_type}
     * and {@code info_order}.
     */
    public static ReportRow payment(ResultSet rs, ProductIdentity product) throws SQLException {
        return new ReportRow(Kind.PAYMENT,
                new TransactionRef(product, rs.getLong("id")).text(),
                rs.getString("no_order"),
                rs.getString("dt_order"),
                rs.getString("busi_partner"),
                rs.getString("oid_paybill"),
                rs.getString("settle_date"),
                rs.getLong("money_order"),
                // Orders paid before fees existed carry none.
                rs.getLong("fee"),
                Columns.instant(rs, "paid_at"),
                product.reportCode(),
                rs.getString("pay_type"),
                rs.getString("info_order"),
                null,
                null);
    }

    /** What the row records. */
    public enum Kind {
        /** A successful payment: status {@code 0}. */
        PAYMENT,
        /** A successful refund: a negative row with status {@code 5}. */
        REFUND,
        /** A paid payout, on the business day it was paid: a line of the payout files only (13 §5). */
        PAYOUT,
        /**
         * A payout the bank reversed ({@code CANCEL}), on the business day it did: counted in the daily summary
         * (13 T7), and a negative line with status {@code 5} in the payout files.
         */
        CANCELLED_PAYOUT
    }
}
