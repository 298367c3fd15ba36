package io.llgate.server.branchnumber;

import io.llgate.protocol.RetCode;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.reference.Branch;
import io.llgate.server.reference.Branches;
import io.llgate.server.reference.CardBins;
import java.util.List;

/**
 * Finds branches for the branch number query (spec 14 §3b, D15): the bank is {@code bank_code}, else the BIN bank
 * of {@code card_no}; a {@code city_code} ending in {@code 0000} covers its whole province, any other code that
 * city; {@code brabank_name} matches every branch whose full name contains it, whitespace removed from both and
 * ASCII letters compared case-insensitively. No match is {@code 5501}, never an empty list.
 */
final class BranchNumbers {
    private final Branches branches;
    private final CardBins bins;

    BranchNumbers(Branches branches, CardBins bins) {
        this.branches = branches;
        this.bins = bins;
    }

    /** The bank searched and its matching branches, by {@code prcptcd}. */
    BranchMatches search(BranchSearch search) {
        String bankCode = search.bankCode().orElseGet(() -> bins.find(search.cardNo().orElseThrow())
                .orElseThrow(() -> Refusal.of(RetCode.CARD_BIN_CHECK_FAILED))
                .issuer().bankCode());
        String wanted = search.brabankName().map(BranchNumbers::comparable).orElse("");
        List<Branch> found = branches.ofBank(bankCode).stream()
                .filter(branch -> search.cityCode().map(code -> inArea(branch, code)).orElse(true))
                .filter(branch -> comparable(branch.brabankName()).contains(wanted))
                .toList();
        if (found.isEmpty()) {
            throw Refusal.of(RetCode.BANK_NUMBER_LOOKUP_FAILED);
        }
        return new BranchMatches(bankCode, found);
    }

    private static boolean inArea(Branch branch, String cityCode) {
        return cityCode.endsWith("0000")
                ? branch.cityCode().startsWith(cityCode.substring(0, 2))
                : branch.cityCode().equals(cityCode);
    }

    /** A name without whitespace (ASCII, full-width and no-break spaces alike), ASCII letters in lower case. */
    private static String comparable(String name) {
        StringBuilder text = new StringBuilder(name.length());
        name.codePoints()
                .filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c))
                .map(c -> c < 128 ? Character.toLowerCase(c) : c)
                .forEach(text::appendCodePoint);
        return text.toString();
    }
}
