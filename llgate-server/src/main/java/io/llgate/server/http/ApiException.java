package io.llgate.server.http;

import io.llgate.protocol.RetCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A refusal that the merchant receives as a return code; thrown before anything is written. */
public final class ApiException extends RuntimeException {
    private final RetCode code;
    private final String field;
    private final Map<String, String> details;

    private ApiException(RetCode code, String field, Map<String, String> details) {
        super(field == null ? code.code() : code.code() + " (" + field + ")", null, false, false);
        this.code = code;
        this.field = field;
        this.details = Map.copyOf(details);
    }

    public static ApiException of(RetCode code) {
        return new ApiException(code, null, Map.of());
    }

    /** A refusal caused by one field; only 1004 names it in {@code ret_msg}, pages show it for every code. */
    public static ApiException of(RetCode code, String field) {
        return new ApiException(code, field, Map.of());
    }

    /** 1004 naming the offending field. */
    public static ApiException badField(String field) {
        return new ApiException(RetCode.PARAM_ERROR, field, Map.of());
    }

    /** The same refusal with extra reply fields (echoes, confirm codes, sandbox diagnostics). */
    public ApiException with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(details);
        more.put(name, value);
        return new ApiException(code, field, more);
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
