package io.llgate.client;

import io.llgate.protocol.SignSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refund result query, spec 12 §5: the refund is named by the merchant's {@code no_refund}, by LianLian's
 * {@code oid_refundno}, or by both (which must then name the same refund). {@code dt_refund} is optional and
 * only checked for its format; it never selects a refund. Checked on construction by the gateway's rules.
 *
 * @param noRefund    the merchant's refund number, or null
 * @param oidRefundno the gateway's refund number from the apply answer, or null
 * @param dtRefund    the refund time as sent at apply, or null
 */
public record RefundQuery(String noRefund, String oidRefundno, String dtRefund) {

    /** Checks the fields as the gateway does: at least one number, each at most 32 characters, a real time. */
    public RefundQuery {
        noRefund = Check.optionalText("no_refund", noRefund, 32);
        oidRefundno = Check.optionalText("oid_refundno", oidRefundno, 32);
        if (noRefund == null && oidRefundno == null) {
            throw new InvalidFieldException("no_refund", "or oid_refundno is required");
        }
        dtRefund = SignSource.isAbsent(dtRefund) ? null : Check.dateTime("dt_refund", dtRefund);
    }

    /** By the merchant's refund number and the refund time, as LianLian's documents query. */
    public static RefundQuery byNoRefund(String noRefund, String dtRefund) {
        Check.text("no_refund", noRefund, 32);
        return new RefundQuery(noRefund, null, dtRefund);
    }

    /** By LianLian's refund number alone, as LianLian's Java SDK queries. */
    public static RefundQuery byOidRefundno(String oidRefundno) {
        Check.text("oid_refundno", oidRefundno, 32);
        return new RefundQuery(null, oidRefundno, null);
    }

    Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("no_refund", noRefund);
        f.put("oid_refundno", oidRefundno);
        f.put("dt_refund", dtRefund);
        return f;
    }
}
