package io.llgate.server.branchnumber;

import java.util.Optional;

/**
 * What a branch number query asks for (spec 14 §3b): a bank, named by {@code bank_code} or by a card of it, and
 * optionally an area ({@code city_code}) and part of a branch name ({@code brabank_name}), which do not filter
 * when absent (D15).
 *
 * @param bankCode the bank's code; when present it wins over {@code cardNo}
 * @param cardNo   a card of the bank, whose BIN names it
 */
record BranchSearch(Optional<String> bankCode, Optional<String> cardNo, Optional<String> cityCode,
                    Optional<String> brabankName) {
}
