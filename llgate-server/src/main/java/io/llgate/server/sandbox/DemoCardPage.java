package io.llgate.server.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo shop's own card page after an apply or a verify, for MPAY and exchange payment alike: the checkout it
 * belongs to, the call as made and answered, and, when the apply texted a code, the sandbox phone page that shows it
 * (null otherwise).
 */
public record DemoCardPage(DemoCardCheckout checkout, DemoCall call, String phonePage) {

    /** Whether the gateway texted a code and waits for the verify. */
    public boolean codeSent() {
        return checkout.codeSent(call);
    }

    /** What the code step posts back besides the code: the apply reply's fields its verify needs. */
    public Map<String, String> verifyFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        checkout.verifyFields().forEach(name -> fields.put(name, call.get(name)));
        return fields;
    }

    /** Whether the reply carries the exchange payment's price: what the payer pays in yuan, and at what rate. */
    public boolean priced() {
        return call.verified() && call.get("exchange_rate") != null;
    }
}
