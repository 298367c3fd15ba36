package io.llgate.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the applies of card payments (easypay, MPAY, exchange payment) share: the order's fields, checked as the gateway
 * checks them, and the payer's card or the binding ({@code no_agree}) that stands in for it. Each product's builder adds
 * its own fields and its {@code build()}.
 *
 * @param <B> the product's builder, which every setter answers
 */
public abstract class CardOrderBuilder<B extends CardOrderBuilder<B>> {
    /** The fields collected so far, in the order they were set; a null value is a field left out. */
    final Map<String, String> fields = new LinkedHashMap<>();
    EasypayCard card;

    CardOrderBuilder() {
    }

    abstract B self();

    public B userId(String userId) {
        fields.put("user_id", Check.text("user_id", userId, 32));
        return self();
    }

    public B platform(String platform) {
        fields.put("platform", Check.optionalText("platform", platform, 32));
        return self();
    }

    /** {@code 101001} virtual goods, {@code 109001} physical goods. */
    public B busiPartner(String busiPartner) {
        fields.put("busi_partner", Check.oneOf("busi_partner", busiPartner, List.of("101001", "109001")));
        return self();
    }

    public B noOrder(String noOrder) {
        fields.put("no_order", Check.text("no_order", noOrder, 32));
        return self();
    }

    public B dtOrder(String dtOrder) {
        fields.put("dt_order", Check.dateTime("dt_order", dtOrder));
        return self();
    }

    public B nameGoods(String nameGoods) {
        fields.put("name_goods", Check.text("name_goods", nameGoods, 40));
        return self();
    }

    public B infoOrder(String infoOrder) {
        fields.put("info_order", Check.optionalText("info_order", infoOrder, 255));
        return self();
    }

    public B notifyUrl(String notifyUrl) {
        fields.put("notify_url", Check.url("notify_url", notifyUrl, 128));
        return self();
    }

    /** Minutes until an unverified order closes, 1 to 999999; the gateway's default is 10080 (7 days). */
    public B validOrder(int minutes) {
        if (minutes < 1 || minutes > 999_999) {
            throw new InvalidFieldException("valid_order", "must be 1 to 999999 minutes");
        }
        fields.put("valid_order", Integer.toString(minutes));
        return self();
    }

    /** The risk parameters, a JSON object as text ({@link RiskItem} writes one). */
    public B riskItem(String riskItem) {
        String text = Check.text("risk_item", riskItem, 4096);
        if (!text.strip().startsWith("{")) {
            throw new InvalidFieldException("risk_item", "must be a JSON object");
        }
        fields.put("risk_item", text);
        return self();
    }

    /** The risk parameters. */
    public B riskItem(RiskItem riskItem) {
        return riskItem(riskItem.json());
    }

    /** Pays with a new card; a credit card needs its expiry and CVV2. */
    public B card(EasypayCard card) {
        this.card = card;
        fields.remove("no_agree");
        return self();
    }

    /** Pays with a card bound before: its {@code no_agree} stands in for the card. */
    public B noAgree(String noAgree) {
        fields.put("no_agree", Check.matching("no_agree", noAgree, "[0-9A-Za-z]{1,32}", "at most 32 letters or digits"));
        this.card = null;
        return self();
    }

    /** Refuses an apply without one of {@code required}, or with neither a card nor a {@code no_agree}. */
    void requireOrder(List<String> required) {
        for (String name : required) {
            if (fields.get(name) == null) {
                throw new InvalidFieldException(name, "is required");
            }
        }
        if (card == null && fields.get("no_agree") == null) {
            throw new InvalidFieldException("card_no", "is required when no_agree is not given");
        }
    }

    /** The fields as the apply sends them: the order's, then the card's when it pays with a new card. */
    static Map<String, String> withCard(Map<String, String> fields, EasypayCard card) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (card != null) {
            all.put("vali_date", card.valiDate());
            all.put("cvv2", card.cvv2());
            all.put("id_type", card.idType());
            all.put("id_no", card.idNo());
            all.put("acct_name", card.acctName());
            all.put("card_no", card.cardNo());
            all.put("bind_mob", card.bindMob());
        }
        return all;
    }
}
