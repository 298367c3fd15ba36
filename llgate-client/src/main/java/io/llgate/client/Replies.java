package io.llgate.client;

import io.llgate.protocol.Amounts;
import io.llgate.protocol.FieldFormatException;
import java.util.Optional;

/** Reads verified replies: return codes, required fields, echoes and amounts; a broken promise is a protocol error. */
final class Replies {
    static final String SUCCESS = "0000";

    private Replies() {
    }

    static String retCode(VerifiedMessage reply) {
        return reply.field("ret_code").orElseThrow();
    }

    /** The reply as a refusal of the call. */
    static LlGateReturnCodeException refusal(String path, VerifiedMessage reply) {
        return new LlGateReturnCodeException(path, retCode(reply), reply.field("ret_msg").orElse(""), true,
                reply.fields());
    }

    /** The reply when it is a {@code 0000}, else its refusal. */
    static VerifiedMessage success(String path, VerifiedMessage reply) {
        if (!retCode(reply).equals(SUCCESS)) {
            throw refusal(path, reply);
        }
        return reply;
    }

    static String required(String path, VerifiedMessage reply, String name) {
        return reply.field(name).orElseThrow(() -> new LlGateProtocolException(
                path + " answered " + retCode(reply) + " without " + name, reply.text()));
    }

    /** When the reply names an order, it must be the one asked about. */
    static void checkEcho(String path, VerifiedMessage reply, String name, String expected) {
        Optional<String> echoed = reply.field(name);
        if (expected != null && echoed.isPresent() && !echoed.get().equals(expected)) {
            throw new LlGateProtocolException(path + " answered about " + name + " " + echoed.get()
                    + " instead of " + expected, reply.text());
        }
    }

    static long fen(String path, VerifiedMessage reply, String name) {
        try {
            return Amounts.parseFen(required(path, reply, name));
        } catch (FieldFormatException e) {
            throw new LlGateProtocolException(path + " answered a malformed " + name + ": " + e.getMessage(),
                    reply.text());
        }
    }

    static long balanceFen(String path, VerifiedMessage reply, String name) {
        try {
            return Amounts.parseBalanceFen(required(path, reply, name));
        } catch (FieldFormatException e) {
            throw new LlGateProtocolException(path + " answered a malformed " + name + ": " + e.getMessage(),
                    reply.text());
        }
    }

    static ResultPay resultPay(String path, VerifiedMessage reply) {
        String text = required(path, reply, "result_pay");
        return ResultPay.of(text).orElseThrow(() -> new LlGateProtocolException(
                path + " answered an undocumented result_pay " + text, reply.text()));
    }
}
