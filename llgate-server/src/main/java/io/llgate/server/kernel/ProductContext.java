package io.llgate.server.kernel;

import io.llgate.server.GatewayMode;
import io.llgate.server.GatewaySettings;
import io.llgate.server.bank.BankChannel;
import io.llgate.server.bank.CardIssuer;
import io.llgate.server.bank.PayerBank;
import io.llgate.server.bank.SmsChannel;
import io.llgate.server.http.MerchantApi;
import io.llgate.server.http.MerchantChecks;
import io.llgate.server.http.Pages;
import io.llgate.server.ledger.Ledger;
import io.llgate.server.merchant.Merchants;
import io.llgate.server.notify.Notifier;
import io.llgate.server.security.CardVault;
import io.llgate.server.security.GatewayKeys;
import io.llgate.server.security.MerchantUrlGuard;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * What the gateway gives every product it starts: the shared services (database, clock, ledger, outbox, merchants,
 * keys), the channels to the outside, the web layer's request pipeline, and the ports other products declare.
 *
 * @param settings          the gateway's settings, for a product's own options (payout rules, body limits)
 * @param api               the signed-JSON pipeline of merchant API calls
 * @param checks            the checks of merchant requests that arrive as browser forms
 * @param bank              the bank that pays payees and returns refunds
 * @param payerBank         the payer's bank, where payers in a browser pay; its answers reach
 *                          {@link Product#payerBankAnswers()}
 * @param sms               the SMS gateway that sends payers verification codes
 * @param cardIssuer        the banks that issue payers' cards: card identification, holder checks and charges; its
 *                          late answers reach {@link Product#cardIssuerAnswers()}
 * @param rates             the rate table that prices orders in foreign currencies (exchange payment)
 * @param refundable        every registered product's refundable payments, known once all products started
 * @param preAuthorizations the product that keeps pre-authorizations, known once all products started; none when the
 *                          gateway hosts no such product
 */
public record ProductContext(
        Jdbi jdbi,
        Clock clock,
        GatewaySettings settings,
        Ledger ledger,
        Notifier notifier,
        Merchants merchants,
        GatewayKeys keys,
        CardVault vault,
        MerchantUrlGuard urlGuard,
        MerchantApi api,
        MerchantChecks checks,
        Pages pages,
        BankChannel bank,
        PayerBank payerBank,
        SmsChannel sms,
        CardIssuer cardIssuer,
        ExchangeRates rates,
        Supplier<List<RefundablePayments>> refundable,
        Supplier<Optional<PreAuthorizations>> preAuthorizations) {

    public GatewayMode mode() {
        return settings.mode();
    }
}
