package io.llgate.server.merchant;

import io.llgate.server.console.Console;
import io.llgate.server.console.ConsoleAction;
import io.llgate.server.console.ConsoleCall;
import io.llgate.server.console.ConsoleFrame;
import io.llgate.server.console.ConsoleNav;
import io.llgate.server.http.AdminInput;
import io.llgate.server.kernel.ProductIdentity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The console's merchant pages: the list, one merchant (balances, products, key fingerprint, allow-list, status,
 * fee, report settings), and the forms that register, edit, top up, suspend or reactivate a merchant and replace
 * its public key. Each form is read as the admin API's body and done by the admin routes' own code.
 */
public final class MerchantConsolePages {
    private static final String PATH = ConsoleNav.MERCHANTS.path();
    private static final Set<String> LISTS = Set.of("products", "ip_allow_list");
    private static final Set<String> NUMBERS = Set.of("fee_rate_bp");

    private final Merchants merchants;
    private final MerchantAdminRoutes admin;

    public MerchantConsolePages(Merchants merchants, MerchantAdminRoutes admin) {
        this.merchants = merchants;
        this.admin = admin;
    }

    /** Every merchant, and the registration form with the products that can be granted. */
    public record ListPage(ConsoleFrame frame, List<MerchantAdminRoutes.View> merchants, List<String> products) {
    }

    /** One merchant, its key's fingerprint, and the products that can be granted. */
    public record DetailPage(ConsoleFrame frame, MerchantAdminRoutes.View merchant, String keyFingerprint,
                             List<String> products, List<String> refundPaybillColumns, List<String> reportLayouts) {

        public boolean granted(String product) {
            return merchant.products().contains(product);
        }
    }

    public void addTo(Console console) {
        console.page(PATH, ConsoleNav.MERCHANTS, call -> call.render("console/merchants.jte",
                new ListPage(call.frame("商户 Merchants"), merchants.list().stream().map(admin::view).toList(),
                        products())));
        console.page(PATH + "/{oid}", ConsoleNav.MERCHANTS, this::detail);
        console.action(PATH, ConsoleNav.MERCHANTS, call -> {
            Merchant m = admin.register(body(call));
            return ConsoleAction.changed(PATH + "/" + m.oidPartner(), "已登记 · Registered " + m.oidPartner() + ".",
                    "merchant.register", "merchant " + m.oidPartner(), "products " + ids(m.products())
                            + ", key " + fingerprint(m.publicKeyText()));
        });
        console.action(PATH + "/{oid}/edit", ConsoleNav.MERCHANTS, call -> {
            Merchant m = admin.change(admin.merchant(call.path("oid")), body(call));
            return changed(m, "已保存 · Saved.", "merchant.edit", "products " + ids(m.products()) + ", ip_allow_list "
                    + (m.ipAllowList().isEmpty() ? "any" : m.ipAllowList()) + ", fee_rate_bp " + m.feeRate().basisPoints()
                    + ", report " + m.reportLayout().id() + "/" + m.refundPaybillColumn().id());
        });
        console.action(PATH + "/{oid}/status", ConsoleNav.MERCHANTS, call -> {
            Merchant m = admin.change(admin.merchant(call.path("oid")), only(call, "status"));
            return changed(m, (m.status() == MerchantStatus.SUSPENDED ? "已暂停 · Suspended " : "已恢复 · Reactivated ")
                    + m.oidPartner() + ".", m.status() == MerchantStatus.SUSPENDED ? "merchant.suspend"
                    : "merchant.activate", null);
        });
        console.action(PATH + "/{oid}/key", ConsoleNav.MERCHANTS, call -> {
            Merchant before = admin.merchant(call.path("oid"));
            Merchant m = admin.change(before, only(call, "public_key"));
            return changed(m, "已更换公钥 · New public key saved.", "merchant.key",
                    fingerprint(before.publicKeyText()) + " -> " + fingerprint(m.publicKeyText()));
        });
        console.action(PATH + "/{oid}/topup", ConsoleNav.MERCHANTS, call -> {
            Merchant m = admin.topUp(admin.merchant(call.path("oid")).oidPartner(), only(call, "amount", "reference"));
            return changed(m, "已充值 · Topped up " + call.field("amount").orElse("") + ".", "merchant.topup",
                    "amount " + call.field("amount").orElse("") + call.field("reference").map(r -> ", reference " + r)
                            .orElse(""));
        });
    }

    /**
     * Sets a merchant's sandbox notification chaos from a form with {@code notify_chaos} and {@code notify_chaos_delay},
     * as {@code PATCH /admin/merchants/{oid}} does; the sandbox's console page posts it. Audit detail names the setting.
     */
    public Merchant setChaos(ConsoleCall call, String oid) {
        return admin.change(admin.merchant(oid), only(call, "notify_chaos", "notify_chaos_delay"));
    }

    private void detail(ConsoleCall call) {
        MerchantAdminRoutes.View view = admin.view(admin.merchant(call.path("oid")));
        call.render("console/merchant.jte", new DetailPage(call.frame("商户 Merchant " + view.oidPartner()), view,
                fingerprint(view.publicKey()), products(),
                Arrays.stream(RefundPaybillColumn.values()).map(RefundPaybillColumn::id).toList(),
                Arrays.stream(ReportLayout.values()).map(ReportLayout::id).toList()));
    }

    private static ConsoleAction changed(Merchant m, String notice, String action, String detail) {
        return ConsoleAction.changed(PATH + "/" + m.oidPartner(), notice, action, "merchant " + m.oidPartner(), detail);
    }

    /** The form as the admin body; the product checkboxes ({@code product.<id>}) become the products list. */
    private static AdminInput.Body body(ConsoleCall call) {
        Map<String, String> form = new HashMap<>(call.form());
        form.remove("csrf");
        String granted = form.keySet().stream().filter(k -> k.startsWith("product."))
                .map(k -> k.substring("product.".length())).sorted().collect(Collectors.joining(","));
        form.keySet().removeIf(k -> k.startsWith("product."));
        if (call.field("all_products").isPresent()) {
            form.put("products", "*");
        } else if (!granted.isEmpty()) {
            form.put("products", granted);
        }
        form.remove("all_products");
        return AdminInput.form(form, LISTS, NUMBERS);
    }

    /** Only the named fields of the form, as the admin body: a form that changes one thing changes nothing else. */
    private static AdminInput.Body only(ConsoleCall call, String... names) {
        Map<String, String> form = new HashMap<>();
        for (String name : names) {
            call.field(name).ifPresent(value -> form.put(name, value));
        }
        return AdminInput.form(form, LISTS, NUMBERS);
    }

    private List<String> products() {
        return merchants.catalogue().products().stream().map(ProductIdentity::id).toList();
    }

    private static String ids(Set<ProductIdentity> products) {
        return products.stream().map(ProductIdentity::id).sorted().collect(Collectors.joining(","));
    }

    /** A key's fingerprint as SSH shows one: {@code SHA256:} and the unpadded base64 of the digest of its X.509 bytes. */
    static String fingerprint(String publicKeyBase64) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(publicKeyBase64.getBytes(StandardCharsets.US_ASCII));
            return "SHA256:" + Base64.getEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }
}
