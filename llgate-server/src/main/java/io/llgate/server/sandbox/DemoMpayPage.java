package io.llgate.server.sandbox;

/**
 * The demo shop's MPAY page after an apply or a verify: the call as made and answered, and, when the apply texted a
 * code ({@code 8888}), the sandbox phone page that shows it (null otherwise).
 */
public record DemoMpayPage(DemoCall call, String phonePage) {

    /** Whether the gateway texted a code and waits for the verify. */
    public boolean codeSent() {
        return call.verified() && "8888".equals(call.get("ret_code"));
    }
}
