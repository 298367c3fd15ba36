package io.llgate.server.cardbind;

import io.llgate.protocol.FlatJson;
import io.llgate.server.card.Agreement;
import java.util.LinkedHashMap;
import java.util.Set;

/** Card binding's replies (spec 22 §3–§6), the product's wire messages; the web layer signs them. */
final class CardBindMessages {
    /** C5: the list's name, as the docs' text, LianLian's SDK and merchant code spell it. */
    static final String AGREEMENT_LIST = "agreement_list";
    /** C7: the list stays out of the sign source. */
    static final Set<String> UNSIGNED = Set.of(AGREEMENT_LIST);

    private CardBindMessages() {
    }

    /** Apply: the user and the token to verify the code with. */
    static LinkedHashMap<String, String> applied(LinkedHashMap<String, String> start, CardBindings.Applied applied) {
        start.put("user_id", applied.userId());
        start.put("token", applied.token());
        return start;
    }

    /** Verify: the bound card's last four digits (C10), the binding, and the apply's serial number when it had one. */
    static LinkedHashMap<String, String> bound(LinkedHashMap<String, String> start, CardBindings.Bound bound) {
        Agreement agreement = bound.agreement();
        start.put("user_id", agreement.userId());
        start.put("card_no", agreement.lastFour());
        start.put("no_agree", agreement.noAgree());
        bound.noOrder().ifPresent(noOrder -> start.put("no_order", noOrder));
        return start;
    }

    /**
     * List: {@code oid_partner} instead of the source's {@code oid_paybill} (C6), {@code count} as a string (C17), and
     * the bindings, each with its members in the order fastjson rebuilds them (C7).
     */
    static LinkedHashMap<String, String> listed(LinkedHashMap<String, String> start, String userId,
                                                CardBindings.Listing listing) {
        start.put("user_id", userId);
        start.put("count", Integer.toString(listing.count()));
        start.put(AGREEMENT_LIST, FlatJson.writeArray(listing.page().stream().map(CardBindMessages::entry).toList()));
        return start;
    }

    private static LinkedHashMap<String, String> entry(Agreement agreement) {
        LinkedHashMap<String, String> entry = new LinkedHashMap<>();
        entry.put("bank_code", agreement.bankCode());
        entry.put("card_no", agreement.lastFour());
        entry.put("no_agree", agreement.noAgree());
        entry.put("bind_mobile", agreement.maskedMobile());
        entry.put("bank_name", agreement.bankName());
        entry.put("card_type", agreement.cardType());
        return entry;
    }
}
