package io.llgate.server.instantpay;

import io.javalin.config.RoutesConfig;
import io.llgate.protocol.RetCode;
import io.llgate.server.bank.PayoutResultListener;
import io.llgate.server.kernel.Product;
import io.llgate.server.kernel.ProductContext;
import io.llgate.server.kernel.ProductIdentity;
import io.llgate.server.kernel.ReportRowSource;
import io.llgate.server.kernel.Sweep;
import io.llgate.server.kernel.TransactionSource;
import io.llgate.server.reference.Branches;
import java.util.List;
import java.util.Optional;

/** Instant payment (10): payouts to bank cards and corporate accounts, with confirmation of suspected ones. */
public final class InstantPaymentProduct implements Product {
    public static final ProductIdentity IDENTITY = ProductIdentity.granted("instant-payment", "INSTANT_PAYMENT",
            new ProductIdentity.ReportCode("6", "实时付款渠道"), RetCode.NO_INSTANT_PAY_PERMISSION);

    private final InstantPayments payments;
    private final InstantPaymentRoutes routes;
    private final PayoutReportRows reportRows;
    private final PayoutTransactions transactions;

    public InstantPaymentProduct(ProductContext context) {
        this.payments = new InstantPayments(context.jdbi(), context.clock(), context.ledger(), context.merchants(),
                context.bank(), context.notifier(), context.vault(), context.keys(),
                context.settings().instantPaymentRules());
        // Read once: corporate payouts check prcptcd against it, as the branch number query will.
        this.routes = new InstantPaymentRoutes(payments, context.api(), context.urlGuard(), Branches.standard());
        this.reportRows = new PayoutReportRows(context.ledger().calendar(), new InstantPaymentStore());
        this.transactions = new PayoutTransactions(new InstantPaymentStore());
    }

    @Override
    public ProductIdentity identity() {
        return IDENTITY;
    }

    @Override
    public void addRoutes(RoutesConfig config) {
        routes.addTo(config);
    }

    @Override
    public List<ReportRowSource> reportRows() {
        return List.of(reportRows);
    }

    @Override
    public Optional<TransactionSource> transactions() {
        return Optional.of(transactions);
    }

    @Override
    public List<Sweep> sweeps() {
        return List.of(new Sweep("closed unconfirmed payouts", payments::closeExpiredChecks));
    }

    @Override
    public Optional<PayoutResultListener> payoutResults() {
        return Optional.of(payments);
    }
}
