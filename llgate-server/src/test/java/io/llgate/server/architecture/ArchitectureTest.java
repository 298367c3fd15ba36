package io.llgate.server.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.llgate.server.bank.Channel;
import io.llgate.server.kernel.Product;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of the product kernel (docs/contributing/architecture.md), kept as tests. Products are found as
 * the packages of the classes that implement {@link Product}, so a product added later is held to them without being
 * named here.
 */
class ArchitectureTest {
    private static final String SERVER = "io.llgate.server";
    private static final Path SOURCES = Path.of("src/main/java/io/llgate/server");
    /** A table named where SQL names one; the code writes SQL's keywords in capitals, prose does not. */
    private static final Pattern TABLE = Pattern.compile("\\b(?:FROM|JOIN|UPDATE|INTO|TABLE)\\s+([a-z_][a-z0-9_]*)");

    /** A product's web adapters ({@code *Routes}) and its registration ({@code *Product}), nested classes included. */
    private static final DescribedPredicate<JavaClass> WEB_ADAPTER_OR_REGISTRATION =
            DescribedPredicate.describe("a product's routes or registration", c -> {
                String name = topLevel(c).getSimpleName();
                return name.endsWith("Routes") || name.endsWith("Product");
            });

    private static JavaClasses server;
    private static List<String> productPackages;

    @BeforeAll
    static void importServer() {
        server = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(SERVER);
        productPackages = server.stream()
                .filter(c -> c.isAssignableTo(Product.class) && !c.isInterface())
                .map(JavaClass::getPackageName)
                .distinct()
                .sorted()
                .toList();
    }

    @Test
    void theProductsAreFound() {
        assertThat(productPackages).contains(SERVER + ".instantpay", SERVER + ".onlinebanking", SERVER + ".refund");
    }

    @Test
    void theKernelImportsNoProduct() {
        noClasses().that().resideInAPackage(SERVER + ".kernel..")
                .should().dependOnClassesThat().resideInAnyPackage(packagesAndBelow(productPackages))
                .because("every product is built on the kernel, so the kernel cannot know one")
                .check(server);
    }

    @Test
    void productsReachEachOtherOnlyThroughTheKernel() {
        for (String product : productPackages) {
            List<String> others = productPackages.stream().filter(p -> !p.equals(product)).toList();
            if (others.isEmpty()) {
                continue;
            }
            noClasses().that().resideInAPackage(product + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(packagesAndBelow(others))
                    .because("a product uses another only through a port the kernel declares (such as RefundablePayments)")
                    .check(server);
        }
    }

    @Test
    void onlyAProductsRoutesAndRegistrationTouchTheWebLayer() {
        noClasses().that().resideInAnyPackage(packagesAndBelow(productPackages))
                .and(not(WEB_ADAPTER_OR_REGISTRATION))
                .should().dependOnClassesThat().resideInAPackage(SERVER + ".http..")
                .because("state, store, service and messages are the same whatever carries the request")
                .check(server);
    }

    @Test
    void sandboxImplementationsLiveInTheSandbox() {
        classes().that().haveSimpleNameStartingWith("Sandbox")
                .and().resideOutsideOfPackage(SERVER + ".cli..")
                .should().resideInAPackage(SERVER + ".sandbox..")
                .because("the sandbox is the only home of sandbox behaviour; the CLI's sandbox command is its client")
                .check(server);
        classes().that().implement(Channel.class).and().areNotInterfaces()
                .should().resideInAPackage(SERVER + ".sandbox..")
                .because("the only implementations of the channels are the sandbox's until a real connector "
                        + "package is added beside it")
                .check(server);
    }

    @Test
    void onlyTheMerchantPackageReadsTheMerchantTable() {
        List<String> readers = new ArrayList<>();
        for (Path source : sources()) {
            if (!source.startsWith(SOURCES.resolve("merchant")) && tablesNamedIn(source).contains("merchant")) {
                readers.add(source.toString());
            }
        }
        assertThat(readers).as("SQL naming the merchant table outside merchant/ (use Merchants instead)").isEmpty();
    }

    @Test
    void onlyAProductsStoreNamesItsTables() {
        List<String> trespassers = new ArrayList<>();
        for (String product : productPackages) {
            Path packageDir = SOURCES.resolve(product.substring(SERVER.length() + 1).replace('.', '/'));
            List<Path> stores = sources().stream()
                    .filter(p -> p.startsWith(packageDir) && p.getFileName().toString().endsWith("Store.java"))
                    .toList();
            Set<String> tables = new TreeSet<>();
            stores.forEach(store -> tables.addAll(tablesNamedIn(store)));
            for (Path source : sources()) {
                if (stores.contains(source)) {
                    continue;
                }
                Set<String> named = tablesNamedIn(source);
                named.retainAll(tables);
                if (!named.isEmpty()) {
                    trespassers.add(source + " names " + named + " of " + product);
                }
            }
        }
        assertThat(trespassers).as("SQL naming a product's tables outside its store").isEmpty();
    }

    private static JavaClass topLevel(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }

    private static String[] packagesAndBelow(List<String> packages) {
        return packages.stream().map(p -> p + "..").toArray(String[]::new);
    }

    private static List<Path> sources() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tables named by the SQL text blocks and string literals of a source file. */
    private static Set<String> tablesNamedIn(Path source) {
        String text;
        try {
            text = Files.readString(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> tables = new LinkedHashSet<>();
        for (String sql : sqlIn(text)) {
            Matcher m = TABLE.matcher(sql);
            while (m.find()) {
                tables.add(m.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return tables;
    }

    /**
     * Text blocks and string literals: comments and Javadoc say "from the merchant" in prose. Two literals joined
     * with + are read as one, as SQL split over lines is.
     */
    private static List<String> sqlIn(String java) {
        List<String> literals = new ArrayList<>();
        String joined = java.replaceAll("\"\\s*\\+\\s*\"", "");
        Matcher blocks = Pattern.compile("\"\"\"(.*?)\"\"\"", Pattern.DOTALL).matcher(joined);
        while (blocks.find()) {
            literals.add(blocks.group(1));
        }
        String rest = blocks.replaceAll("");
        Matcher strings = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"").matcher(rest);
        while (strings.find()) {
            literals.add(strings.group(1));
        }
        return literals;
    }
}
