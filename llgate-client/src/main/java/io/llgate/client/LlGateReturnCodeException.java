package io.llgate.client;

import io.llgate.protocol.RetCode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway answered, and its answer is a refusal: a {@code ret_code} other than the ones the call
 * expects, with its {@code ret_msg} and, for {@code 1004}, the field it names.
 */
public final class LlGateReturnCodeException extends LlGateException {
    /** Codes after which the order may exist anyway (spec 10 §6): the merchant must query before concluding. */
    private static final Set<String> QUERY_BEFORE_CONCLUDING = Set.of("1002", "2005", "4006", "4007", "4009", "9999");

    private final String retCode;
    private final String retMsg;
    private final boolean signed;
    private final Map<String, String> reply;

    LlGateReturnCodeException(String path, String retCode, String retMsg, boolean signed, Map<String, String> reply) {
        super(path + " answered " + retCode + " " + retMsg + (signed ? "" : " (unsigned: the gateway could not "
                + "identify the merchant or read the request)"), null, QUERY_BEFORE_CONCLUDING.contains(retCode));
        this.retCode = retCode;
        this.retMsg = retMsg;
        this.signed = signed;
        this.reply = Collections.unmodifiableMap(new LinkedHashMap<>(reply));
    }

    /** The four-digit {@code ret_code}. */
    public String retCode() {
        return retCode;
    }

    /** The {@code ret_msg}, in Chinese as LianLian writes it. */
    public String retMsg() {
        return retMsg;
    }

    /** The return code, when it is one LianLian documents. */
    public Optional<RetCode> code() {
        return RetCode.of(retCode);
    }

    /** For {@code 1004}: the field the gateway refused, e.g. {@code memo}. */
    public Optional<String> field() {
        return "1004".equals(retCode) ? RetCode.fieldIn(retMsg) : Optional.empty();
    }

    /**
     * Whether the reply carried the gateway's signature, which then verified. Only replies to a request
     * whose merchant the gateway could not identify ({@code 3001}, an unreadable body) are unsigned.
     */
    public boolean signed() {
        return signed;
    }

    /** Every field of the reply as received. */
    public Map<String, String> reply() {
        return reply;
    }
}
