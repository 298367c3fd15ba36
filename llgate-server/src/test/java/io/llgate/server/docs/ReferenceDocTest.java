package io.llgate.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.RetCode;
import io.llgate.server.Gateway;
import io.llgate.server.console.Console;
import io.llgate.server.Products;
import io.llgate.server.http.ErrorReplies;
import io.llgate.server.kernel.ProductIdentity;
import io.llgate.server.testing.TestGateways;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The merchant reference (docs/merchant/reference.md) lists exactly the merchant endpoints a running gateway
 * registers, and every return code with its exact message, so it cannot drift from the code. A failure prints the
 * table lines to paste into it.
 */
class ReferenceDocTest {
    private static final String DOC = "docs/merchant/reference.md";
    /** An endpoint row: method, path, product. */
    private static final Pattern ENDPOINT_ROW = Pattern.compile(
            "^\\| `(GET|POST|PUT|PATCH|DELETE)` \\| `(/[^`]*)` \\| ([^|]*?) \\|");
    /** A return-code row: code, message. */
    private static final Pattern CODE_ROW = Pattern.compile("^\\| `(\\d{4})` \\| ([^|]*?) \\|");
    /** What the product column says of an endpoint every merchant may call whatever its products. */
    private static final String GATEWAY_WIDE = "gateway";

    private static Gateway gateway;
    private static List<String> doc;

    @BeforeAll
    static void start() throws IOException {
        doc = Files.readAllLines(locate(DOC), StandardCharsets.UTF_8);
        gateway = TestGateways.start();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void everyRegisteredMerchantEndpointIsInTheReference() {
        Set<String> documented = documentedEndpoints().keySet();
        List<String> missing = registeredMerchantEndpoints().stream()
                .filter(endpoint -> !documented.contains(endpoint))
                .map(endpoint -> {
                    String[] methodAndPath = endpoint.split(" ", 2);
                    return "| `" + methodAndPath[0] + "` | `" + methodAndPath[1] + "` | `product-id` | what it does |";
                })
                .toList();
        assertThat(missing)
                .as("registered merchant endpoints missing from %s; add these rows to its endpoint table "
                        + "(with the product's id, or %s):%n%s%n", DOC, GATEWAY_WIDE, String.join("\n", missing))
                .isEmpty();
    }

    @Test
    void everyEndpointInTheReferenceIsRegistered() {
        Set<String> registered = new TreeSet<>(registeredMerchantEndpoints());
        List<String> stale = documentedEndpoints().keySet().stream()
                .filter(endpoint -> !registered.contains(endpoint))
                .toList();
        assertThat(stale)
                .as("endpoints in %s that the gateway does not register; remove their rows or register them:%n%s%n",
                        DOC, String.join("\n", stale))
                .isEmpty();
    }

    @Test
    void everyEndpointNamesARegisteredProduct() {
        Set<String> products = Products.catalogue().products().stream().map(ProductIdentity::id)
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> unknown = documentedEndpoints().entrySet().stream()
                .filter(e -> !e.getValue().equals(GATEWAY_WIDE) && !products.contains(e.getValue()))
                .map(e -> e.getKey() + " names product " + e.getValue())
                .toList();
        assertThat(unknown)
                .as("the product column of %s takes a registered product's id (%s) or %s:%n%s%n", DOC,
                        String.join(", ", products), GATEWAY_WIDE, String.join("\n", unknown))
                .isEmpty();
    }

    @Test
    void everyReturnCodeIsListedWithItsMessage() {
        Map<String, String> documented = documentedCodes();
        List<String> missing = Arrays.stream(RetCode.values())
                .filter(code -> !code.message().equals(documented.get(code.code())))
                .sorted(Comparator.comparing(RetCode::code))
                .map(code -> "| `" + code.code() + "` | " + code.message() + " | |")
                .toList();
        assertThat(missing)
                .as("return codes missing from %s or listed with another message; their rows, to paste into "
                        + "its return-code table (in code order):%n%s%n", DOC, String.join("\n", missing))
                .isEmpty();
    }

    @Test
    void everyCodeInTheReferenceExists() {
        List<String> unknown = documentedCodes().keySet().stream()
                .filter(code -> RetCode.of(code).isEmpty())
                .toList();
        assertThat(unknown)
                .as("codes in %s that io.llgate.protocol.RetCode does not know: %s", DOC, unknown)
                .isEmpty();
    }

    /**
     * The merchant's endpoints among the registered routes, as {@code "POST /path"}: API calls and the pages of
     * payers' browsers; not the admin API, the console, the sandbox (controls and demo shop), metrics or health.
     */
    private static List<String> registeredMerchantEndpoints() {
        return gateway.routes().stream()
                .filter(route -> !ErrorReplies.isOperatorPath(route.path()) && !route.path().startsWith("/sandbox/")
                        && !route.path().startsWith(Console.PATH)
                        && !route.path().equals("/metrics") && !route.path().startsWith("/health/"))
                .map(route -> route.method() + " " + route.path())
                .distinct()
                .sorted()
                .toList();
    }

    /** The endpoint rows of the doc: {@code "POST /path"} to the product column, unquoted. */
    private static Map<String, String> documentedEndpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (String line : doc) {
            Matcher row = ENDPOINT_ROW.matcher(line);
            if (row.find() && endpoints.put(row.group(1) + " " + row.group(2), row.group(3).replace("`", "")) != null) {
                duplicates.add(line);
            }
        }
        assertThat(duplicates).as("endpoints listed twice in %s", DOC).isEmpty();
        return endpoints;
    }

    /** The return-code rows of the doc: code to message. */
    private static Map<String, String> documentedCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (String line : doc) {
            Matcher row = CODE_ROW.matcher(line);
            if (row.find() && codes.put(row.group(1), row.group(2)) != null) {
                duplicates.add(line);
            }
        }
        assertThat(duplicates).as("codes listed twice in %s", DOC).isEmpty();
        return codes;
    }

    /** The file at this path of the repository, found from the module the tests run in. */
    private static Path locate(String path) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(path))) {
                return dir.resolve(path);
            }
        }
        throw new IllegalStateException(path + " not found above " + Path.of("").toAbsolutePath());
    }
}
