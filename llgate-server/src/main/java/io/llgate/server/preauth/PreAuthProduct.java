package io.llgate.server.preauth;

import io.javalin.config.RoutesConfig;
import io.llgate.protocol.RetCode;
import io.llgate.server.kernel.PreAuthorizations;
import io.llgate.server.kernel.Product;
import io.llgate.server.kernel.ProductContext;
import io.llgate.server.kernel.ProductIdentity;
import io.llgate.server.kernel.RefundablePayments;
import io.llgate.server.kernel.ReportRowSource;
import io.llgate.server.kernel.Sweep;
import io.llgate.server.kernel.TransactionSource;
import java.util.List;
import java.util.Optional;

/**
 * Credit-card pre-authorization (20 §1d, §8–§10): easypay's {@code pay_type} {@code F} holds an amount on a credit
 * card, which the merchant later captures, in full or in part, or cancels; one neither captured nor cancelled
 * expires. Captures are reported as easypay payments ({@code pay_product} 2, 13 T9).
 */
public final class PreAuthProduct implements Product {
    public static final ProductIdentity IDENTITY = ProductIdentity.granted("pre-authorization", "PRE_AUTHORIZATION",
            new ProductIdentity.ReportCode("2", "快捷支付渠道"), RetCode.NO_PAYMENT_PERMISSION);

    private final PreAuths preAuths;
    private final PreAuthRoutes routes;
    private final PreAuthTransactions transactions;

    public PreAuthProduct(ProductContext context) {
        PreAuthMessages messages = new PreAuthMessages();
        this.preAuths = new PreAuths(context.jdbi(), context.clock(), context.ledger(), context.merchants(),
                context.cardIssuer(), messages);
        this.routes = new PreAuthRoutes(preAuths, messages, context.api());
        this.transactions = new PreAuthTransactions(preAuths.store(), context.clock());
    }

    @Override
    public ProductIdentity identity() {
        return IDENTITY;
    }

    /** The authorizations: record, capture, cancel, look up, expire. */
    public PreAuths preAuths() {
        return preAuths;
    }

    @Override
    public void addRoutes(RoutesConfig config) {
        routes.addTo(config);
    }

    @Override
    public Optional<PreAuthorizations> preAuthorizations() {
        return Optional.of(preAuths);
    }

    @Override
    public Optional<RefundablePayments> refundablePayments() {
        return Optional.of(preAuths);
    }

    @Override
    public List<ReportRowSource> reportRows() {
        return List.of(new PreAuthReportRows(preAuths.store()));
    }

    @Override
    public Optional<TransactionSource> transactions() {
        return Optional.of(transactions);
    }

    @Override
    public List<Sweep> sweeps() {
        return List.of(new Sweep("expired pre-authorizations neither captured nor cancelled", preAuths::expire));
    }
}
