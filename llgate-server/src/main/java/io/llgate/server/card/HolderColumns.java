package io.llgate.server.card;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The columns a sealed card holder is stored in, the same in every table that keeps one ({@code card_hash},
 * {@code card_sealed}, {@code card_masked}, {@code acct_name_sealed}, {@code id_type}, {@code id_no_sealed},
 * {@code id_hash}, {@code mobile_sealed}, {@code mobile_masked}, {@code vali_date_sealed}): one way to write and
 * read them for every store of a card product.
 */
public final class HolderColumns {
    /** The column list of an INSERT, in the order of {@link #VALUES}. */
    public static final String NAMES = "card_hash, card_sealed, card_masked, acct_name_sealed, id_type, id_no_sealed, "
            + "id_hash, mobile_sealed, mobile_masked, vali_date_sealed";
    /** The named parameters of an INSERT, bound by {@link #bind}. */
    public static final String VALUES = ":cardHash, :cardSealed, :cardMasked, :acctNameSealed, :idType, :idNoSealed, "
            + ":idHash, :mobileSealed, :mobileMasked, :valiDateSealed";

    private HolderColumns() {
    }

    /** Binds the holder's columns to the parameters {@link #VALUES} names. */
    public static <S extends SqlStatement<S>> S bind(S statement, SealedHolder s) {
        return statement
                .bind("cardHash", s.cardHash())
                .bind("cardSealed", s.cardSealed())
                .bind("cardMasked", s.cardMasked())
                .bind("acctNameSealed", s.acctNameSealed())
                .bind("idType", s.idType() == null ? null : s.idType().code())
                .bind("idNoSealed", s.idNoSealed())
                .bind("idHash", s.idHash())
                .bind("mobileSealed", s.mobileSealed())
                .bind("mobileMasked", s.mobileMasked())
                .bind("valiDateSealed", s.valiDateSealed());
    }

    /** The holder of the row. */
    public static SealedHolder read(ResultSet rs) throws SQLException {
        return new SealedHolder(rs.getString("card_hash"), rs.getString("card_sealed"), rs.getString("card_masked"),
                rs.getString("acct_name_sealed"), rs.getString("id_type") == null ? null : IdType.of(rs.getString("id_type")).orElseThrow(),
                rs.getString("id_no_sealed"), rs.getString("id_hash"), rs.getString("mobile_sealed"),
                rs.getString("mobile_masked"), rs.getString("vali_date_sealed"));
    }
}
