package io.llgate.server.bank;

import org.jdbi.v3.core.Handle;

/** Receives bank results inside the bank's transaction, so the result and its effects commit together. */
@FunctionalInterface
public interface PayoutResultListener {
    void onPayoutResult(Handle h, String reference, PayoutResult result);
}
