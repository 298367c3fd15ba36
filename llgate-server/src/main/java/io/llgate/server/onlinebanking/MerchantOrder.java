package io.llgate.server.onlinebanking;

import io.llgate.server.merchant.Merchant;

/** An order with its merchant, read once for the request: what pages, messages and the sandbox show of it. */
public record MerchantOrder(OnlineBankingOrder order, Merchant merchant) {

    public String oidPartner() {
        return merchant.oidPartner();
    }
}
