package io.llgate.server.kernel;

/**
 * One transaction of one product, as the ledger and the report files name it: {@code instant-payment:42}. Every
 * ledger entry of a transaction carries this reference; each entry kind is posted once for it.
 */
public record TransactionRef(ProductIdentity product, long id) {

    /** The text stored with ledger entries and report rows. */
    public String text() {
        return product.id() + ":" + id;
    }

    @Override
    public String toString() {
        return text();
    }
}
