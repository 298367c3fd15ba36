package io.llgate.server.cardbind;

import io.javalin.config.RoutesConfig;
import io.llgate.protocol.RetCode;
import io.llgate.server.card.Agreements;
import io.llgate.server.card.HolderSeal;
import io.llgate.server.card.SmsCodes;
import io.llgate.server.kernel.Product;
import io.llgate.server.kernel.ProductContext;
import io.llgate.server.kernel.ProductIdentity;
import io.llgate.server.kernel.Sweep;
import java.util.List;

/**
 * Card binding (spec 22): a payer's card bound with an SMS code to the merchant's user, listed and unbound. Granted
 * merchant by merchant ({@code 3010} without it); it moves no money, so nothing of it is in report files.
 */
public final class CardBindProduct implements Product {
    public static final ProductIdentity IDENTITY = ProductIdentity.granted("card-binding", "CARD_BINDING", null,
            RetCode.NO_PAYMENT_PERMISSION);

    private final CardBindings bindings;
    private final CardBindRoutes routes;

    public CardBindProduct(ProductContext context) {
        HolderSeal seal = new HolderSeal(context.vault());
        this.bindings = new CardBindings(context.jdbi(), context.clock(), context.cardIssuer(),
                new SmsCodes(context.vault(), context.sms(), context.clock()), new Agreements(seal, context.clock()),
                seal);
        this.routes = new CardBindRoutes(bindings, context.api(), context.clock());
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
    public List<Sweep> sweeps() {
        return List.of(bindings.sweep());
    }
}
