package io.llgate.server.http;

import io.llgate.server.merchant.ListSigning;
import io.llgate.server.merchant.Merchant;
import java.util.Set;
import java.util.function.Function;

/**
 * How an endpoint's answer is written once its action ran: signed or not, the fields left out of the signature,
 * and the fields whose values are JSON text (the lists some replies carry) rather than strings. Refusals are
 * always signed flat messages.
 *
 * @param signed         whether the answer carries {@code sign_type} and {@code sign}
 * @param unsignedFields fields written after the signature is made, outside its sign source
 * @param jsonFields     fields written as JSON (an array), not as a string; in the sign source as that text
 */
public record ReplyFormat(boolean signed, Set<String> unsignedFields, Set<String> jsonFields) {
    /** Signed flat JSON, the format of nearly every answer. */
    public static final ReplyFormat SIGNED = new ReplyFormat(true, Set.of(), Set.of());

    public ReplyFormat {
        unsignedFields = Set.copyOf(unsignedFields);
        jsonFields = Set.copyOf(jsonFields);
    }

    /** Signed, with these fields outside the signature. */
    public static ReplyFormat signedExcept(Set<String> unsignedFields) {
        return new ReplyFormat(true, unsignedFields, Set.of());
    }

    /** Not signed at all. */
    public static ReplyFormat unsigned() {
        return new ReplyFormat(false, Set.of(), Set.of());
    }

    /**
     * The format of a reply carrying the JSON array {@code list}, for each merchant: {@code byDefault}, unless the
     * merchant's {@link ListSigning} names a mode for the list, which signs the reply with the list inside the sign
     * source or outside it (spec 14 D11, D13).
     */
    public static Function<Merchant, ReplyFormat> carrying(String list, ListDefault byDefault) {
        return merchant -> switch (merchant.listSigning().of(list).orElse(null)) {
            case INCLUDE -> SIGNED.withJson(list);
            case EXCLUDE -> signedExcept(Set.of(list)).withJson(list);
            case null -> switch (byDefault) {
                case SIGNED_OVER -> SIGNED.withJson(list);
                case SIGNED_WITHOUT -> signedExcept(Set.of(list)).withJson(list);
                case UNSIGNED -> unsigned().withJson(list);
            };
        };
    }

    /** How a reply carrying a list is written for a merchant whose {@link ListSigning} does not name the list. */
    public enum ListDefault {
        /** Signed, the list's compact JSON text inside the sign source. */
        SIGNED_OVER,
        /** Signed, the list outside the sign source. */
        SIGNED_WITHOUT,
        /** Not signed at all. */
        UNSIGNED
    }

    /** The same format with these fields written as JSON text. */
    public ReplyFormat withJson(String... fields) {
        return new ReplyFormat(signed, unsignedFields, Set.of(fields));
    }
}
