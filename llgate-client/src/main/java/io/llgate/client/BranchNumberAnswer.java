package io.llgate.client;

import java.util.List;

/**
 * A branch number answer, spec 14 §3b: the bank searched and its matching branches, never none.
 *
 * @param bankCode the bank searched: the one asked for, or the one that issued the card
 * @param branches the matching branches, by {@code prcptcd}
 */
public record BranchNumberAnswer(String bankCode, List<BankBranch> branches, VerifiedMessage reply) {
    public BranchNumberAnswer {
        branches = List.copyOf(branches);
    }
}
