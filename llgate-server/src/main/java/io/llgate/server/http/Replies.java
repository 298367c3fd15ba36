package io.llgate.server.http;

import io.llgate.protocol.RetCode;
import java.util.LinkedHashMap;

/** Starts reply field maps in the order the spec's samples show. */
public final class Replies {
    private Replies() {
    }

    public static LinkedHashMap<String, String> success(String oidPartner) {
        return start(RetCode.SUCCESS.code(), RetCode.SUCCESS.message(), oidPartner);
    }

    public static LinkedHashMap<String, String> start(String retCode, String retMsg, String oidPartner) {
        LinkedHashMap<String, String> reply = new LinkedHashMap<>();
        reply.put("ret_code", retCode);
        reply.put("ret_msg", retMsg);
        if (oidPartner != null) {
            reply.put("oid_partner", oidPartner);
        }
        return reply;
    }
}
