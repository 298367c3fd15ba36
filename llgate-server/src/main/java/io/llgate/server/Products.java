package io.llgate.server;

import io.llgate.server.branchnumber.BranchNumberProduct;
import io.llgate.server.cardbin.CardBinProduct;
import io.llgate.server.cardbind.CardBindProduct;
import io.llgate.server.easypay.EasypayProduct;
import io.llgate.server.exchange.ExchangeProduct;
import io.llgate.server.instantpay.InstantPaymentProduct;
import io.llgate.server.kernel.Product;
import io.llgate.server.kernel.ProductCatalogue;
import io.llgate.server.kernel.ProductContext;
import io.llgate.server.kernel.ProductIdentity;
import io.llgate.server.mpay.MpayProduct;
import io.llgate.server.onlinebanking.OnlineBankingProduct;
import io.llgate.server.preauth.PreAuthProduct;
import io.llgate.server.refund.RefundProduct;
import io.llgate.server.supportbank.SupportBankProduct;
import java.util.List;
import java.util.function.Function;

/** The products this gateway hosts, in the order their routes are added: adding a product is adding its line here. */
public final class Products {
    /** A product as registered: who it is, known before anything starts, and how it starts. */
    public record Registration(ProductIdentity identity, Function<ProductContext, Product> start) {
    }

    static final List<Registration> ALL = List.of(
            new Registration(InstantPaymentProduct.IDENTITY, InstantPaymentProduct::new),
            new Registration(OnlineBankingProduct.IDENTITY, OnlineBankingProduct::new),
            // Before easypay: a refund of a captured pre-authorization finds the capture, not the authorizing payment.
            new Registration(PreAuthProduct.IDENTITY, PreAuthProduct::new),
            new Registration(EasypayProduct.IDENTITY, EasypayProduct::new),
            new Registration(CardBinProduct.IDENTITY, CardBinProduct::new),
            new Registration(SupportBankProduct.IDENTITY, SupportBankProduct::new),
            new Registration(BranchNumberProduct.IDENTITY, BranchNumberProduct::new),
            new Registration(CardBindProduct.IDENTITY, CardBindProduct::new),
            new Registration(MpayProduct.IDENTITY, MpayProduct::new),
            new Registration(ExchangeProduct.IDENTITY, ExchangeProduct::new),
            new Registration(RefundProduct.IDENTITY, RefundProduct::new));

    private Products() {
    }

    /** Every registered product's identity: what merchants can be granted. */
    public static ProductCatalogue catalogue() {
        return new ProductCatalogue(ALL.stream().map(Registration::identity).toList());
    }
}
