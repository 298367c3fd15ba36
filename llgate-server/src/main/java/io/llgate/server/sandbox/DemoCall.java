package io.llgate.server.sandbox;

import io.llgate.protocol.FlatJson;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call the demo shop made to the gateway's merchant API: the signed request and its sign source, and
 * either the reply, whose signature verified with the gateway's public key, or why there is none to believe.
 */
public record DemoCall(String path, String signSource, String request, Map<String, String> reply, String problem) {

    public DemoCall {
        reply = Collections.unmodifiableMap(new LinkedHashMap<>(reply));
    }

    static DemoCall answered(String path, String signSource, String request, Map<String, String> reply) {
        return new DemoCall(path, signSource, request, reply, null);
    }

    static DemoCall unanswered(String path, String signSource, String request, String problem) {
        return new DemoCall(path, signSource, request, Map.of(), problem);
    }

    /** Whether there is a reply whose signature verified; only such a reply is shown or believed. */
    public boolean verified() {
        return problem == null;
    }

    /** A verified reply with {@code ret_code} 0000. */
    public boolean succeeded() {
        return verified() && "0000".equals(reply.get("ret_code"));
    }

    /** A reply field, or null. */
    public String get(String name) {
        return reply.get(name);
    }

    /** The reply as it came, its fields in the gateway's order. */
    public String replyText() {
        return FlatJson.write(reply);
    }
}
