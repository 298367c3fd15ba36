package io.llgate.server.exchange;

import io.javalin.config.RoutesConfig;
import io.llgate.protocol.RetCode;
import io.llgate.server.bank.CardIssuerListener;
import io.llgate.server.card.Agreements;
import io.llgate.server.card.HolderSeal;
import io.llgate.server.card.SmsCodes;
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
 * Exchange payment (23): a payer with a mainland UnionPay card pays in yuan for an order the merchant prices in its
 * own currency. The order is priced at the rate table's rate when applied for, the card is proved with its elements
 * and an SMS code and charged through the card issuer channel, and the merchant is credited in the order's currency.
 */
public final class ExchangeProduct implements Product {
    public static final ProductIdentity IDENTITY = ProductIdentity.granted("exchange", "EXCHANGE",
            new ProductIdentity.ReportCode("5", "外卡汇兑渠道"), RetCode.NO_PAYMENT_PERMISSION);

    private final ExchangePayments payments;
    private final ExchangeRoutes routes;
    private final ExchangeTransactions transactions;

    public ExchangeProduct(ProductContext context) {
        HolderSeal seal = new HolderSeal(context.vault());
        this.payments = new ExchangePayments(context.jdbi(), context.clock(), context.ledger(), context.notifier(),
                context.merchants(), context.cardIssuer(), context.rates(),
                new SmsCodes(context.vault(), context.sms(), context.clock()), new Agreements(seal, context.clock()),
                seal, context.vault(), new ExchangeMessages(context.keys()));
        this.routes = new ExchangeRoutes(payments, context.api(), context.urlGuard(), context.clock());
        this.transactions = new ExchangeTransactions(payments.store(), seal);
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
        return List.of(new ExchangeReportRows(payments.store()));
    }

    @Override
    public Optional<RefundablePayments> refundablePayments() {
        return Optional.of(payments);
    }

    @Override
    public Optional<TransactionSource> transactions() {
        return Optional.of(transactions);
    }

    @Override
    public Optional<CardIssuerListener> cardIssuerAnswers() {
        return Optional.of(payments);
    }

    @Override
    public List<Sweep> sweeps() {
        return List.of(new Sweep("failed unverified exchange orders", payments::failExpired));
    }
}
