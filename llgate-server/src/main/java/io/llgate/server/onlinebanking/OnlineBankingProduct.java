package io.llgate.server.onlinebanking;

import io.javalin.config.RoutesConfig;
import io.llgate.protocol.RetCode;
import io.llgate.server.bank.PayerBankListener;
import io.llgate.server.kernel.Product;
import io.llgate.server.kernel.ProductContext;
import io.llgate.server.kernel.ProductIdentity;
import io.llgate.server.kernel.QueriedOrders;
import io.llgate.server.kernel.RefundablePayments;
import io.llgate.server.kernel.ReportRowSource;
import io.llgate.server.kernel.Sweep;
import java.util.List;
import java.util.Optional;

/**
 * Online banking (11): the payer pays in a browser through the gateway's cashier and, through the payer-bank channel,
 * the payer's bank.
 */
public final class OnlineBankingProduct implements Product {
    public static final ProductIdentity IDENTITY = ProductIdentity.granted("online-banking", "ONLINE_BANKING",
            new ProductIdentity.ReportCode("1", "网银支付渠道"), RetCode.NO_PAYMENT_PERMISSION);

    private final OnlineBankingPayments payments;
    private final OnlineBankingRoutes routes;

    public OnlineBankingProduct(ProductContext context) {
        this.payments = new OnlineBankingPayments(context.jdbi(), context.clock(), context.ledger(), context.notifier(),
                context.merchants(), context.payerBank(), context.keys(), Banks.standard());
        this.routes = new OnlineBankingRoutes(payments, context.checks(), context.pages(), context.clock(),
                context.settings().maxBodyBytes(), context.urlGuard());
    }

    @Override
    public ProductIdentity identity() {
        return IDENTITY;
    }

    /** The orders: start, the bank's answer, look up. */
    public OnlineBankingPayments payments() {
        return payments;
    }

    @Override
    public void addRoutes(RoutesConfig config) {
        routes.addTo(config);
    }

    @Override
    public List<ReportRowSource> reportRows() {
        return List.of(new PaymentReportRows(payments.store()));
    }

    @Override
    public Optional<RefundablePayments> refundablePayments() {
        return Optional.of(payments);
    }

    @Override
    public Optional<QueriedOrders> queriedOrders() {
        return Optional.of(payments);
    }

    @Override
    public Optional<PayerBankListener> payerBankAnswers() {
        return Optional.of(payments);
    }

    @Override
    public List<Sweep> sweeps() {
        return List.of(new Sweep("closed unpaid online banking orders", payments::closeExpired));
    }
}
