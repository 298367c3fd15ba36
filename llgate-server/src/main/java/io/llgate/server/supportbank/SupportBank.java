package io.llgate.server.supportbank;

import io.llgate.server.reference.CollectionBank;

/** One bank of the support bank query's answer (spec 14 §3a): the product's entry for it, and its name. */
record SupportBank(CollectionBank bank, String bankName) {
}
