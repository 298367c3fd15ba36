package io.llgate.server.easypay;

import io.javalin.config.RoutesConfig;
import io.llgate.protocol.RetCode;
import io.llgate.server.bank.CardIssuerListener;
import io.llgate.server.card.Agreements;
import io.llgate.server.card.HolderSeal;
import io.llgate.server.card.SmsCodes;
import io.llgate.server.kernel.Product;
import io.llgate.server.kernel.ProductContext;
import io.llgate.server.kernel.ProductIdentity;
import io.llgate.server.kernel.QueriedOrders;
import io.llgate.server.kernel.RefundablePayments;
import io.llgate.server.kernel.ReportRowSource;
import io.llgate.server.kernel.Sweep;
import io.llgate.server.kernel.TransactionSource;
import java.util.List;
import java.util.Optional;

/**
 * Easy payment (20): the direct API, where the merchant's server applies with the payer's card and verifies the SMS
 * code the payer received, and the gateway's card payment pages (WEB and H5), which do the same for the payer's
 * browser; the card is charged through the card issuer channel and bound ({@code no_agree}).
 */
public final class EasypayProduct implements Product {
    public static final ProductIdentity IDENTITY = ProductIdentity.granted("easypay", "EASYPAY",
            new ProductIdentity.ReportCode("2", "快捷支付渠道"), RetCode.NO_PAYMENT_PERMISSION);

    private final EasypayPayments payments;
    private final EasypayRoutes routes;
    private final HostedPayments hosted;
    private final HostedPaymentRoutes hostedRoutes;
    private final EasypayTransactions transactions;

    public EasypayProduct(ProductContext context) {
        HolderSeal seal = new HolderSeal(context.vault());
        this.payments = new EasypayPayments(context.jdbi(), context.clock(), context.ledger(), context.notifier(),
                context.merchants(), context.cardIssuer(), new SmsCodes(context.vault(), context.sms(), context.clock()),
                new Agreements(seal, context.clock()), seal, new EasypayMessages(context.keys()),
                context.preAuthorizations());
        this.transactions = new EasypayTransactions(payments.store(), seal);
        this.routes = new EasypayRoutes(payments, context.api(), context.urlGuard(), context.clock());
        this.hosted = new HostedPayments(context.jdbi(), context.clock(), context.merchants(), context.vault(),
                context.cardIssuer(), payments);
        this.hostedRoutes = new HostedPaymentRoutes(hosted, context.checks(), context.pages(), context.clock(),
                context.settings().maxBodyBytes(), context.urlGuard(), context.merchants(), context.sms());
    }

    @Override
    public ProductIdentity identity() {
        return IDENTITY;
    }

    @Override
    public void addRoutes(RoutesConfig config) {
        routes.addTo(config);
        hostedRoutes.addTo(config);
    }

    @Override
    public void addAdminRoutes(RoutesConfig config) {
        hostedRoutes.addAdminTo(config);
    }

    @Override
    public List<ReportRowSource> reportRows() {
        return List.of(new EasypayReportRows(payments.store()));
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
    public Optional<CardIssuerListener> cardIssuerAnswers() {
        return Optional.of(payments);
    }

    @Override
    public Optional<TransactionSource> transactions() {
        return Optional.of(transactions);
    }

    @Override
    public List<Sweep> sweeps() {
        return List.of(new Sweep("closed unverified easypay orders", payments::closeExpired),
                new Sweep("closed unpaid card payment pages", hosted::closeExpired));
    }
}
