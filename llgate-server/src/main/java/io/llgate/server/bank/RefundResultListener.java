package io.llgate.server.bank;

import org.jdbi.v3.core.Handle;

/** Receives the bank's answer to a refund inside the bank's transaction, so the result and its effects commit together. */
@FunctionalInterface
public interface RefundResultListener {
    void onRefundResult(Handle h, String reference, boolean returned);
}
