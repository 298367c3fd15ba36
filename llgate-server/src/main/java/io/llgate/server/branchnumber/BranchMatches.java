package io.llgate.server.branchnumber;

import io.llgate.server.reference.Branch;
import java.util.List;

/** What a branch number query found (spec 14 §3b): the bank searched and its matching branches, never none. */
record BranchMatches(String bankCode, List<Branch> branches) {
}
