package org.guidelinekb;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture's invariants (ARCHITECTURE, "Layers and invariants"), checked on the compiled main classes
 * (target/classes only, not the tests or bench/) and, for SPARQL text, on the main sources:
 * <ul>
 * <li>the layers, highest first: wiring (the root package: App, AppConfig, KnowledgeBase) and cli (its only caller)
 *     &gt; api (HTTP edge) &gt; services (cds, versioning, reasoner, queries, sparqlendpoint, load, backup, generate,
 *     auth) &gt; catalog &gt; store &gt; foundation (sparql, vocab, util, error); a layer uses only the layers below it
 *     (services may use each other, without cycles);</li>
 * <li>no package imports the root package, except cli, which starts the server;</li>
 * <li>Javalin and Jetty only in api/ and the wiring;</li>
 * <li>transactions (Jena Txn, TxnType, ReadWrite, begin/commit/abort/end/promote on a Transactional, TDB2, DBOE)
 *     only in store/;</li>
 * <li>no SPARQL text in a Java string literal: queries live in sparql/ files.</li>
 * </ul>
 */
class ArchitectureTest {
    static final String ROOT = "org.guidelinekb";
    static final Path MAIN_SOURCES = Path.of("src/main/java");

    static JavaClasses main;

    @BeforeAll
    static void importMainClasses() throws URISyntaxException {
        Path classes = Path.of(App.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        main = new ClassFileImporter().importPath(classes);
        assertTrue(main.size() > 100, "imported the main classes from " + classes + ": " + main.size());
    }

    static String pkg(String name) {
        return ROOT + "." + name + "..";
    }

    @Test
    void each_layer_uses_only_the_layers_below_it() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Wiring").definedBy(ROOT)
                .layer("Cli").definedBy(pkg("cli"))
                .layer("Api").definedBy(pkg("api"))
                .layer("Services").definedBy(pkg("cds"), pkg("versioning"), pkg("reasoner"), pkg("queries"), pkg("sparqlendpoint"),
                        pkg("load"), pkg("backup"), pkg("generate"), pkg("auth"))
                .layer("Catalog").definedBy(pkg("catalog"))
                .layer("Store").definedBy(pkg("store"))
                .layer("Foundation").definedBy(pkg("sparql"), pkg("vocab"), pkg("util"), pkg("error"))
                .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("Wiring").mayOnlyBeAccessedByLayers("Cli")
                .whereLayer("Api").mayOnlyBeAccessedByLayers("Wiring", "Cli")
                .whereLayer("Services").mayOnlyBeAccessedByLayers("Wiring", "Cli", "Api")
                .whereLayer("Catalog").mayOnlyBeAccessedByLayers("Wiring", "Cli", "Api", "Services")
                .whereLayer("Store").mayOnlyBeAccessedByLayers("Wiring", "Cli", "Api", "Services", "Catalog")
                .whereLayer("Foundation").mayOnlyBeAccessedByLayers("Wiring", "Cli", "Api", "Services", "Catalog", "Store")
                .check(main);
    }

    @Test
    void packages_are_free_of_cycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void no_package_but_cli_uses_the_root_package() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages(ROOT, pkg("cli"))
                .should().dependOnClassesThat().resideInAPackage(ROOT)
                .because("the root package is the wiring (App, AppConfig, KnowledgeBase): it uses every package, none uses it; "
                        + "cli starts it");
        rule.check(main);
    }

    @Test
    void javalin_and_jetty_only_in_api_and_the_wiring() {
        noClasses().that().resideOutsideOfPackages(ROOT, pkg("api"))
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..")
                .because("HTTP is the edge: api/ and App")
                .check(main);
    }

    static final Set<String> TXN_METHODS = Set.of("begin", "commit", "abort", "end", "promote", "executeRead", "executeWrite",
            "calculateRead", "calculateWrite");

    @Test
    void transactions_only_in_store() {
        noClasses().that().resideOutsideOfPackage(pkg("store"))
                .should().dependOnClassesThat().haveFullyQualifiedName("org.apache.jena.system.Txn")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.apache.jena.query.TxnType")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.apache.jena.query.ReadWrite")
                .orShould().dependOnClassesThat().resideInAnyPackage("org.apache.jena.tdb2..", "org.apache.jena.dboe..")
                .orShould().callMethodWhere(DescribedPredicate.describe(
                        "a transaction method (" + String.join(", ", TXN_METHODS) + ") of a Jena Transactional",
                        (JavaMethodCall call) -> TXN_METHODS.contains(call.getName())
                                && call.getTargetOwner().isAssignableTo("org.apache.jena.sparql.core.Transactional")))
                .because("every dataset access goes through the store interface (store/)")
                .check(main);
    }

    // ---- SPARQL text: ArchUnit does not see string literals, so the sources are read -----------------------------

    /** Java source tokens that can hold quotes: a text block, a string, a char literal, a block or a line comment. */
    static final Pattern TOKEN = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"|'(?:[^'\\\\]|\\\\.)+'|/\\*.*?\\*/|//[^\\n]*",
            Pattern.DOTALL);
    /**
     * SPARQL: begins with a query or update form as SPARQL writes it ("SELECT ?x", "SELECT *", "ASK {", "CONSTRUCT WHERE",
     * "DESCRIBE &lt;x&gt;", "INSERT DATA", "DELETE WHERE" ...), or holds a prefix declaration ("PREFIX p: &lt;"), a WHERE
     * group opening with a term ("WHERE { ?s") or "INSERT DATA {" / "DELETE DATA {".
     */
    static final Pattern SPARQL = Pattern.compile("(?is)\\s*(SELECT\\s+(\\?|\\*|DISTINCT\\b|REDUCED\\b|\\(\\s*\\w+\\s*\\()|(CONSTRUCT|ASK)\\s*(\\{|WHERE\\b)"
            + "|DESCRIBE\\s+[?<*]|BASE\\s+<|WITH\\s+<|(INSERT|DELETE)\\s*(\\{|DATA\\b|WHERE\\b)).*"
            + "|(?is).*(\\bPREFIX\\s+[\\w-]*:\\s*<|\\bWHERE\\s*\\{\\s*[?<]|\\b(INSERT|DELETE)\\s+DATA\\s*\\{).*");

    /** The string literals and text blocks of a Java source that hold SPARQL, each with its line. */
    static List<String> sparqlLiterals(String source) {
        List<String> found = new ArrayList<>();
        Matcher m = TOKEN.matcher(source);
        while (m.find()) {
            String text = m.group(1) != null ? m.group(1) : m.group(2);
            if (text != null && SPARQL.matcher(text).matches()) {
                long line = source.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                found.add("line " + line + ": " + text.strip());
            }
        }
        return found;
    }

    @Test
    void no_sparql_text_in_java_string_literals() {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                sparqlLiterals(Files.readString(f, StandardCharsets.UTF_8)).forEach(s -> found.add(f + " " + s));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(found.isEmpty(), "SPARQL text in Java string literals (put it in a sparql/ file):\n" + String.join("\n", found));
    }

    @Test
    void the_sparql_scan_finds_a_query_in_a_literal_and_ignores_prose() {
        assertTrue(!sparqlLiterals("class A { String q = \"SELECT ?s WHERE { ?s ?p ?o }\"; }").isEmpty());
        assertTrue(!sparqlLiterals("class A { String q = \"\"\"\n    PREFIX gkb: <https://w3id.org/gkb/ontology#>\n    ASK {}\"\"\"; }").isEmpty());
        assertTrue(!sparqlLiterals("class A { String q = \"INSERT DATA { <a> <b> <c> }\"; }").isEmpty());
        assertTrue(!sparqlLiterals("class A { String q = \"SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }\"; }").isEmpty());
        assertTrue(sparqlLiterals("class A { String m = \"DELETE\"; String e = \"a named query must be a SELECT (results)\"; }").isEmpty());
        assertTrue(sparqlLiterals("class A { String e = \"put VALUES blocks inside WHERE { }\"; String w = \"With --store: ${X}\"; }").isEmpty());
        assertTrue(sparqlLiterals("class A { /* \"SELECT ?s WHERE { }\" */ String m = \"ok\"; }").isEmpty());
    }
}
