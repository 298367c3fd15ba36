package io.llgate.server.kernel;

import io.javalin.config.RoutesConfig;
import io.llgate.server.bank.CardIssuerListener;
import io.llgate.server.bank.PayerBankListener;
import io.llgate.server.bank.PayoutResultListener;
import io.llgate.server.bank.RefundResultListener;
import java.util.List;
import java.util.Optional;

/**
 * A LianLian product as the gateway hosts it: everything it adds to the gateway, asked for once at start. The
 * gateway, the sandbox, reports, refunds and reconciliation use what products declare here, and name none of them.
 */
public interface Product {

    ProductIdentity identity();

    /** Its merchant-facing endpoints: API calls, and the pages of payers' browsers. */
    default void addRoutes(RoutesConfig routes) {
    }

    /** Its operator endpoints, under {@code /admin/}: the admin token is checked before they run. */
    default void addAdminRoutes(RoutesConfig routes) {
    }

    /** Its sandbox controls, under {@code /sandbox/}; asked for in sandbox mode only. */
    default void addSandboxRoutes(RoutesConfig routes) {
    }

    /** What it writes in merchants' report files. */
    default List<ReportRowSource> reportRows() {
        return List.of();
    }

    /** Its payments, which refunds return money of. */
    default Optional<RefundablePayments> refundablePayments() {
        return Optional.empty();
    }

    /** Its orders, which the payment result query ({@code /orderquery.htm}) answers for. */
    default Optional<QueriedOrders> queriedOrders() {
        return Optional.empty();
    }

    /** Its periodic work: closing unconfirmed or unpaid orders. */
    default List<Sweep> sweeps() {
        return List.of();
    }

    /** What it does with the bank's results of the payouts it hands the bank. */
    default Optional<PayoutResultListener> payoutResults() {
        return Optional.empty();
    }

    /** What it does with the bank's answers to the refunds it hands the bank. */
    default Optional<RefundResultListener> refundResults() {
        return Optional.empty();
    }

    /** What it does with the answers of payers' banks to the payments it hands them (online banking, card payments). */
    default Optional<PayerBankListener> payerBankAnswers() {
        return Optional.empty();
    }

    /** What it does with card issuers' late answers to the charges it left pending (card payments). */
    default Optional<CardIssuerListener> cardIssuerAnswers() {
        return Optional.empty();
    }
}
