package io.llgate.server.kernel;

import io.llgate.protocol.RetCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A domain refusal: the return code, and the field when one is at fault, that the merchant receives. Product code
 * throws it before anything is written; the web layer turns it into the signed answer.
 */
public final class Refusal extends RuntimeException {
    private final RetCode code;
    private final String field;
    private final Map<String, String> details;

    private Refusal(RetCode code, String field, Map<String, String> details) {
        super(field == null ? code.code() : code.code() + " (" + field + ")", null, false, false);
        this.code = code;
        this.field = field;
        this.details = Map.copyOf(details);
    }

    public static Refusal of(RetCode code) {
        return new Refusal(code, null, Map.of());
    }

    /** A refusal caused by one field; only 1004 names it in {@code ret_msg}, pages show it for every code. */
    public static Refusal of(RetCode code, String field) {
        return new Refusal(code, field, Map.of());
    }

    /** 1004 naming the offending field. */
    public static Refusal badField(String field) {
        return new Refusal(RetCode.PARAM_ERROR, field, Map.of());
    }

    /** The same refusal with extra reply fields (echoes, confirm codes, sandbox diagnostics). */
    public Refusal with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(details);
        more.put(name, value);
        return new Refusal(code, field, more);
    }

    public RetCode code() {
        return code;
    }

    /** The field the refusal is about, when one is. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    public String retMsg() {
        return field == null ? code.message() : code.message(field);
    }

    public Map<String, String> details() {
        return details;
    }
}
