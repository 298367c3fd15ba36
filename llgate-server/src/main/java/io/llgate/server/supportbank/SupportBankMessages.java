package io.llgate.server.supportbank;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.RetCode;
import java.util.LinkedHashMap;
import java.util.List;

/** The support bank query's reply (spec 14 §3a), the product's one wire message. */
final class SupportBankMessages {
    /** The list member, written as a JSON array (D12). */
    static final String LIST = "support_banklist";

    private SupportBankMessages() {
    }

    /**
     * {@code ret_code}, {@code ret_msg} and the list, {@code []} when there is no bank. The reply is unsigned
     * unless the merchant's list signing says otherwise (D11); each element's members are in the order LianLian's
     * SDK rebuilds them (D13), for when a signature covers the list.
     */
    static LinkedHashMap<String, String> reply(List<SupportBank> banks) {
        LinkedHashMap<String, String> reply = new LinkedHashMap<>();
        reply.put("ret_code", RetCode.SUCCESS.code());
        reply.put("ret_msg", RetCode.SUCCESS.message());
        reply.put(LIST, FlatJson.writeArray(banks.stream().map(SupportBankMessages::element).toList()));
        return reply;
    }

    private static LinkedHashMap<String, String> element(SupportBank entry) {
        LinkedHashMap<String, String> element = new LinkedHashMap<>();
        element.put("bank_code", entry.bank().bankCode());
        element.put("month_amt", Long.toString(entry.bank().limits().monthAmt()));
        element.put("bank_status", entry.bank().underMaintenance() ? "2" : "0");
        element.put("bank_name", entry.bankName());
        element.put("single_amt", Long.toString(entry.bank().limits().singleAmt()));
        element.put("card_type", entry.bank().cardType().code());
        element.put("day_amt", Long.toString(entry.bank().limits().dayAmt()));
        return element;
    }
}
