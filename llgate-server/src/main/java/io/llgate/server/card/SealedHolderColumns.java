package io.llgate.server.card;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The columns a {@link SealedHolder} is kept in, named alike in every table that keeps one ({@code card_hash},
 * {@code card_sealed}, {@code card_masked}, {@code acct_name_sealed}, {@code id_type}, {@code id_no_sealed},
 * {@code id_hash}, {@code mobile_sealed}, {@code mobile_masked}, {@code vali_date_sealed}): binding them to a statement
 * and reading them back, so that the stores that keep a holder agree on it.
 */
public final class SealedHolderColumns {
    private SealedHolderColumns() {
    }

    /**
     * Binds the holder to the parameters {@code :cardHash}, {@code :card}, {@code :cardMasked}, {@code :name},
     * {@code :idType}, {@code :idNo}, {@code :idHash}, {@code :mobile}, {@code :mobileMasked} and {@code :valiDate}.
     */
    public static <T extends SqlStatement<T>> T bind(T statement, SealedHolder s) {
        return statement
                .bind("cardHash", s.cardHash())
                .bind("card", s.cardSealed())
                .bind("cardMasked", s.cardMasked())
                .bind("name", s.acctNameSealed())
                .bind("idType", s.idType().code())
                .bind("idNo", s.idNoSealed())
                .bind("idHash", s.idHash())
                .bind("mobile", s.mobileSealed())
                .bind("mobileMasked", s.mobileMasked())
                .bind("valiDate", s.valiDateSealed());
    }

    /** The holder in the current row. */
    public static SealedHolder read(ResultSet rs) throws SQLException {
        return new SealedHolder(rs.getString("card_hash"), rs.getString("card_sealed"), rs.getString("card_masked"),
                rs.getString("acct_name_sealed"), IdType.of(rs.getString("id_type")).orElseThrow(),
                rs.getString("id_no_sealed"), rs.getString("id_hash"), rs.getString("mobile_sealed"),
                rs.getString("mobile_masked"), rs.getString("vali_date_sealed"));
    }
}
