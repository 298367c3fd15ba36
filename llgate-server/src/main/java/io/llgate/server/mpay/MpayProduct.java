package io.llgate.server.mpay;

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
 * MPAY (spec 21): LianLian's direct card payment over the mpay {@code /v1/} API. The merchant's server applies with
 * the payer's card (or a binding) inside the {@code pay_load} envelope and verifies the SMS code the payer received;
 * the card is charged through the card issuer channel and bound ({@code no_agree}). Its binding pair is card binding's
 * (spec 22). In report files its {@code pay_product} is {@code 3}, LLGate's code for MPAY (13 T9).
 */
public final class MpayProduct implements Product {
    public static final ProductIdentity IDENTITY = ProductIdentity.granted("mpay", "MPAY",
            new ProductIdentity.ReportCode("3", "移动支付渠道"), RetCode.NO_PAYMENT_PERMISSION);

    private final MpayPayments payments;
    private final MpayRoutes routes;
    private final MpayTransactions transactions;

    public MpayProduct(ProductContext context) {
        HolderSeal seal = new HolderSeal(context.vault());
        this.payments = new MpayPayments(context.jdbi(), context.clock(), context.ledger(), context.notifier(),
                context.merchants(), context.cardIssuer(), new SmsCodes(context.vault(), context.sms(), context.clock()),
                new Agreements(seal, context.clock()), seal, new MpayMessages(context.keys()));
        this.routes = new MpayRoutes(payments, context.api(), context.urlGuard(), context.clock());
        this.transactions = new MpayTransactions(payments.store(), seal);
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
        return List.of((h, merchantId, from, to) -> payments.store().reportRows(h, merchantId, from, to));
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
        return List.of(new Sweep("closed unverified MPAY orders", payments::closeExpired));
    }
}
