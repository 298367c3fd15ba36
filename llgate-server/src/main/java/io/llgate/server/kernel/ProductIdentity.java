package io.llgate.server.kernel;

import io.llgate.protocol.RetCode;
import java.util.Optional;

/**
 * Who a product is, declared once in its own package: the id operators grant it by (and that prefixes its ledger
 * references), the name its notifications and refunds store, its code in report files, and the return code a
 * merchant without it receives.
 *
 * @param id           lower-case and dashed, such as {@code instant-payment}: the admin API, the CLI and the
 *                     merchant's product list use it
 * @param name         upper-case, such as {@code INSTANT_PAYMENT}: stored with notifications and refunds
 * @param reportCode   its {@code pay_product} values in report files; null for a product that makes no transactions
 * @param withoutGrant the refusal of a merchant that was not granted the product; null when every merchant may use it
 */
public record ProductIdentity(String id, String name, ReportCode reportCode, RetCode withoutGrant) {

    /** The {@code pay_product} column of the report files: LLGate's code (13 T9) and the CSV layout's channel name. */
    public record ReportCode(String payProduct, String channelName) {
    }

    /** A product that moves money, is granted to merchants one by one, and appears in report files. */
    public static ProductIdentity granted(String id, String name, ReportCode reportCode, RetCode withoutGrant) {
        return new ProductIdentity(id, name, reportCode, withoutGrant);
    }

    /** A query every merchant may make, with no transactions of its own. */
    public static ProductIdentity open(String id, String name) {
        return new ProductIdentity(id, name, null, null);
    }

    /** Whether operators grant it merchant by merchant. */
    public boolean isGranted() {
        return withoutGrant != null;
    }

    /** The refusal of a merchant without it, for a granted product. */
    public Optional<RetCode> refusalWithoutGrant() {
        return Optional.ofNullable(withoutGrant);
    }

    @Override
    public String toString() {
        return id;
    }
}
