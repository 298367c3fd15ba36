package io.llgate.server.refund;

import io.javalin.config.RoutesConfig;
import io.llgate.protocol.RetCode;
import io.llgate.server.bank.RefundResultListener;
import io.llgate.server.kernel.Product;
import io.llgate.server.kernel.ProductContext;
import io.llgate.server.kernel.ProductIdentity;
import io.llgate.server.kernel.ReportRowSource;
import io.llgate.server.kernel.TransactionSource;
import java.util.List;
import java.util.Optional;

/** Refunds (12): money of a successful payment back to its payer, in parts, for any product that declares its payments refundable. */
public final class RefundProduct implements Product {
    /** Refund rows are reported under the refunded payment's product, so refunds have no report code of their own. */
    public static final ProductIdentity IDENTITY = ProductIdentity.granted("refund", "REFUND", null,
            RetCode.MERCHANT_CANNOT_REFUND);

    private final Refunds refunds;
    private final RefundRoutes routes;
    private final RefundReportRows reportRows;
    private final RefundTransactions transactions;

    public RefundProduct(ProductContext context) {
        RefundStore store = new RefundStore();
        RefundMessages messages = new RefundMessages(context.keys());
        this.refunds = new Refunds(context.jdbi(), context.clock(), context.ledger(), context.bank(), context.notifier(),
                context.merchants(), store, messages, context.refundable());
        this.routes = new RefundRoutes(refunds, messages, context.api(), context.urlGuard());
        this.reportRows = new RefundReportRows(store, context.merchants().catalogue());
        this.transactions = new RefundTransactions(store, context.merchants().catalogue());
    }

    @Override
    public ProductIdentity identity() {
        return IDENTITY;
    }

    @Override
    public Optional<TransactionSource> transactions() {
        return Optional.of(transactions);
    }

    /** Refunds: apply, look up, and the bank's answers. */
    public Refunds refunds() {
        return refunds;
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
    public Optional<RefundResultListener> refundResults() {
        return Optional.of(refunds);
    }
}
