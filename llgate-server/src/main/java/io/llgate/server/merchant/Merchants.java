package io.llgate.server.merchant;

import io.llgate.protocol.FieldRules;
import io.llgate.protocol.RsaKeys;
import io.llgate.server.kernel.MerchantRef;
import io.llgate.server.kernel.ProductCatalogue;
import io.llgate.server.kernel.ProductIdentity;
import io.llgate.server.ledger.Ledger;
import io.llgate.server.notify.NotifyChaos;
import io.llgate.server.store.Columns;
import io.llgate.server.store.Conflicts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The merchant directory: registration, lookup and changes. */
public final class Merchants {
    private static final Pattern OID_PARTNER = Pattern.compile("\\d{18}");
    /** The longest name the merchant table holds. */
    public static final int MAX_NAME_LENGTH = 128;
    /** The longest allow-list the merchant table holds, as stored: entries joined by commas. */
    public static final int MAX_IP_ALLOW_LIST_LENGTH = 2048;
    /** The longest product list the merchant table holds. */
    public static final int MAX_PRODUCTS_LENGTH = 512;
    /** The longest public key the merchant table holds, as stored: base64 X.509. */
    public static final int MAX_STORED_KEY_LENGTH = 4096;
    /** How many ids one lookup of {@link #oidPartners} binds at most: well under every driver's parameter limit. */
    private static final int LOOKUP_BATCH = 500;

    private final Jdbi jdbi;
    private final Ledger ledger;
    private final Clock clock;
    private final ProductCatalogue catalogue;

    public Merchants(Jdbi jdbi, Ledger ledger, Clock clock, ProductCatalogue catalogue) {
        this.jdbi = jdbi;
        this.ledger = ledger;
        this.clock = clock;
        this.catalogue = catalogue;
    }

    /** The products merchants can be granted. */
    public ProductCatalogue catalogue() {
        return catalogue;
    }

    /**
     * Registers a merchant with its ledger accounts and opening balance in one transaction.
     * Throws IllegalArgumentException on a bad id or key, and {@link DuplicateMerchantException}.
     */
    public Merchant add(NewMerchant m) {
        if (!isMerchantId(m.oidPartner())) {
            throw new IllegalArgumentException("oid_partner must be 18 digits");
        }
        if (m.balanceFen() < 0) {
            throw new IllegalArgumentException("the opening balance cannot be negative");
        }
        if (m.name() != null && FieldRules.length(m.name()) > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name is too long: at most " + MAX_NAME_LENGTH + " characters");
        }
        checkIpAllowList(m.ipAllowList());
        String keyText = keyText(m.publicKey());
        return jdbi.inTransaction(h -> {
            if (find(h, m.oidPartner()).isPresent()) {
                throw new DuplicateMerchantException(m.oidPartner());
            }
            long id = h.createUpdate("""
                    INSERT INTO merchant (oid_partner, name, public_key, products, ip_allow_list, status, created_at)
                    VALUES (:oid, :name, :key, :products, :ips, :status, :now)""")
                    .bind("oid", m.oidPartner())
                    .bind("name", m.name() == null || m.name().isBlank() ? m.oidPartner() : m.name())
                    .bind("key", keyText)
                    .bind("products", catalogue.text(m.products()))
                    .bind("ips", m.ipAllowList().isEmpty() ? null : m.ipAllowList().toString())
                    .bind("status", MerchantStatus.ACTIVE.name())
                    .bind("now", clock.instant())
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            MerchantRef merchant = new MerchantRef(id, m.oidPartner());
            ledger.openMerchantAccounts(h, merchant);
            if (m.balanceFen() > 0) {
                ledger.topUp(h, merchant, m.balanceFen(), TopUpReference.opening(m.oidPartner()).text());
            }
            return find(h, m.oidPartner()).orElseThrow();
        });
    }

    public Optional<Merchant> find(String oidPartner) {
        return jdbi.withHandle(h -> find(h, oidPartner));
    }

    /** The merchant with this {@code oid_partner}; none for text that is no merchant id (18 digits) at all. */
    public Optional<Merchant> find(Handle h, String oidPartner) {
        if (!isMerchantId(oidPartner)) {
            // Never asked of the database: PostgreSQL refuses some text (a NUL) outright, H2 would not.
            return Optional.empty();
        }
        return h.createQuery("SELECT * FROM merchant WHERE oid_partner = :oid")
                .bind("oid", oidPartner)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    /** The merchant a transaction of the caller's names by its row id, read in the caller's transaction. */
    public Merchant byId(Handle h, long id) {
        return h.createQuery("SELECT * FROM merchant WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne()
                .orElseThrow(() -> new IllegalStateException("no merchant " + id));
    }

    /** What wire messages need of the merchant with this row id: its {@code oid_partner}. */
    public MerchantRef ref(Handle h, long id) {
        return h.createQuery("SELECT oid_partner FROM merchant WHERE id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .findOne()
                .map(oid -> new MerchantRef(id, oid))
                .orElseThrow(() -> new IllegalStateException("no merchant " + id));
    }

    /**
     * The {@code oid_partner} of each merchant with one of these row ids, read in the caller's transaction: how
     * a listing labels its rows with one query a page rather than one a row. Unknown ids are left out.
     */
    public Map<Long, String> oidPartners(Handle h, Collection<Long> ids) {
        List<Long> distinct = ids.stream().distinct().toList();
        Map<Long, String> oids = new HashMap<>();
        for (int from = 0; from < distinct.size(); from += LOOKUP_BATCH) {
            h.createQuery("SELECT id, oid_partner FROM merchant WHERE id IN (<ids>)")
                    .bindList("ids", distinct.subList(from, Math.min(from + LOOKUP_BATCH, distinct.size())))
                    .map((rs, ctx) -> Map.entry(rs.getLong("id"), rs.getString("oid_partner")))
                    .forEach(e -> oids.put(e.getKey(), e.getValue()));
        }
        return oids;
    }

    /** The row id of the merchant with this {@code oid_partner}, for filters of operators' lists; none when unknown. */
    public Optional<Long> idOf(Handle h, String oidPartner) {
        if (!isMerchantId(oidPartner)) {
            return Optional.empty();
        }
        // Only the id: reading the whole merchant would parse its public key for a filter.
        return h.createQuery("SELECT id FROM merchant WHERE oid_partner = :oid")
                .bind("oid", oidPartner)
                .mapTo(Long.class)
                .findOne();
    }

    public List<Merchant> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM merchant ORDER BY id")
                .map((rs, ctx) -> map(rs))
                .list());
    }

    /** Changes what is given (null leaves a property as it is); returns the merchant as it now is. */
    public Optional<Merchant> update(
            String oidPartner, String publicKey, Set<ProductIdentity> products, IpAllowList ips, MerchantStatus status) {
        return update(oidPartner, publicKey, products, ips, status, null);
    }

    /** The same, with the sandbox's notify_chaos setting. */
    public Optional<Merchant> update(String oidPartner, String publicKey, Set<ProductIdentity> products, IpAllowList ips,
                                     MerchantStatus status, NotifyChaos notifyChaos) {
        String keyText = publicKey == null ? null : keyText(publicKey);
        if (ips != null) {
            checkIpAllowList(ips);
        }
        return jdbi.inTransaction(h -> {
            Optional<Merchant> current = find(h, oidPartner);
            if (current.isEmpty()) {
                return current;
            }
            Merchant m = current.get();
            h.createUpdate("""
                    UPDATE merchant SET public_key = :key, products = :products, ip_allow_list = :ips, status = :status,
                                        notify_chaos = :chaos, notify_chaos_delay_ms = :chaosDelay
                    WHERE id = :id""")
                    .bind("key", keyText != null ? keyText : m.publicKeyText())
                    .bind("products", catalogue.text(products != null ? products : m.products()))
                    .bind("ips", ipsText(ips != null ? ips : m.ipAllowList()))
                    .bind("status", (status != null ? status : m.status()).name())
                    .bind("chaos", (notifyChaos != null ? notifyChaos : m.notifyChaos()).mode().name())
                    .bind("chaosDelay", (notifyChaos != null ? notifyChaos : m.notifyChaos()).delay().toMillis())
                    .bind("id", m.id())
                    .execute();
            return find(h, oidPartner);
        });
    }

    /** A merchant's notify_chaos setting, read in the caller's transaction; none for an unknown merchant. */
    public NotifyChaos notifyChaos(Handle h, long merchantId) {
        return h.createQuery("SELECT notify_chaos, notify_chaos_delay_ms FROM merchant WHERE id = :id")
                .bind("id", merchantId)
                .map((rs, ctx) -> notifyChaos(rs))
                .findOne()
                .orElse(NotifyChaos.NONE);
    }

    /** Sets the fee rate applied to payments the merchant receives from now on; false for an unknown merchant. */
    public boolean setFeeRate(String oidPartner, FeeRate rate) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE merchant SET fee_rate_bp = :bp WHERE oid_partner = :oid")
                .bind("bp", rate.basisPoints())
                .bind("oid", oidPartner)
                .execute()) == 1;
    }

    /** Sets what refund rows of the merchant's detail files write in column 5; false for an unknown merchant. */
    public boolean setRefundPaybillColumn(String oidPartner, RefundPaybillColumn column) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "UPDATE merchant SET report_refund_paybill = :column WHERE oid_partner = :oid")
                .bind("column", column.name())
                .bind("oid", oidPartner)
                .execute()) == 1;
    }

    /** Sets how the merchant's report files are laid out from now on; false for an unknown merchant. */
    public boolean setReportLayout(String oidPartner, ReportLayout layout) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE merchant SET report_layout = :layout WHERE oid_partner = :oid")
                .bind("layout", layout.name())
                .bind("oid", oidPartner)
                .execute()) == 1;
    }

    /** Sets whether lists in the merchant's replies are signed over, from now on; false for an unknown merchant. */
    public boolean setListSigning(String oidPartner, ListSigning signing) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE merchant SET list_signing = :signing WHERE oid_partner = :oid")
                .bind("signing", signing.text())
                .bind("oid", oidPartner)
                .execute()) == 1;
    }

    /** Sets whether the merchant's card payments wait for the payer's SMS code; false for an unknown merchant. */
    public boolean setCardSmsVerification(String oidPartner, boolean verify) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE merchant SET card_sms_verification = :verify WHERE oid_partner = :oid")
                .bind("verify", verify)
                .bind("oid", oidPartner)
                .execute()) == 1;
    }

    /** Sets whether the merchant's MPAY notifications carry the card holder's fields; false for an unknown merchant. */
    public boolean setNotifyCardHolder(String oidPartner, boolean notify) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE merchant SET notify_card_holder = :notify WHERE oid_partner = :oid")
                .bind("notify", notify)
                .bind("oid", oidPartner)
                .execute()) == 1;
    }

    /**
     * Credits money from outside to the merchant's available balance, once per reference of that merchant; false
     * for an unknown merchant. Throws {@link DuplicateTopUpException} when the merchant already has the reference.
     */
    public boolean topUp(String oidPartner, long fen, TopUpReference reference) {
        if (fen <= 0) {
            throw new IllegalArgumentException("a top-up must be positive");
        }
        try {
            return jdbi.inTransaction(h -> {
                Optional<Merchant> merchant = find(h, oidPartner);
                if (merchant.isEmpty()) {
                    return false;
                }
                ledger.topUp(h, merchant.get().ref(), fen, reference.text());
                return true;
            });
        } catch (RuntimeException e) {
            if (Conflicts.isUniqueViolation(e)) {
                throw new DuplicateTopUpException(oidPartner, reference);
            }
            throw e;
        }
    }

    /** The key as stored, base64 X.509; IllegalArgumentException when it is no RSA public key or too large to store. */
    private static String keyText(String publicKey) {
        String text = RsaKeys.base64(RsaKeys.parsePublic(publicKey));
        if (text.length() > MAX_STORED_KEY_LENGTH) {
            throw new IllegalArgumentException("public_key is too large: at most " + MAX_STORED_KEY_LENGTH
                    + " characters of base64 X.509");
        }
        return text;
    }

    /** Whether the text can be an {@code oid_partner} at all: 18 digits. */
    private static boolean isMerchantId(String text) {
        return text != null && OID_PARTNER.matcher(text).matches();
    }

    private static void checkIpAllowList(IpAllowList ips) {
        if (ips.toString().length() > MAX_IP_ALLOW_LIST_LENGTH) {
            throw new IllegalArgumentException("ip_allow_list is too long: at most " + MAX_IP_ALLOW_LIST_LENGTH
                    + " characters, entries joined by commas");
        }
    }

    private static String ipsText(IpAllowList ips) {
        return ips.isEmpty() ? null : ips.toString();
    }

    private Merchant map(ResultSet rs) throws SQLException {
        String key = rs.getString("public_key");
        Set<ProductIdentity> products = catalogue.read(rs.getString("products"));
        return new Merchant(
                rs.getLong("id"),
                rs.getString("oid_partner"),
                rs.getString("name"),
                RsaKeys.parsePublic(key),
                key,
                products,
                IpAllowList.parse(rs.getString("ip_allow_list")),
                MerchantStatus.valueOf(rs.getString("status")),
                Columns.instant(rs, "created_at"),
                notifyChaos(rs),
                new FeeRate(rs.getInt("fee_rate_bp")),
                RefundPaybillColumn.valueOf(rs.getString("report_refund_paybill")),
                ReportLayout.valueOf(rs.getString("report_layout")),
                ListSigning.parse(rs.getString("list_signing")),
                rs.getBoolean("card_sms_verification"),
                rs.getBoolean("notify_card_holder"));
    }

    private static NotifyChaos notifyChaos(ResultSet rs) throws SQLException {
        return new NotifyChaos(NotifyChaos.Mode.valueOf(rs.getString("notify_chaos")),
                Duration.ofMillis(rs.getLong("notify_chaos_delay_ms")));
    }
}
