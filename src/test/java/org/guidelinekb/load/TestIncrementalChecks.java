package org.guidelinekb.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.guidelinekb.AppConfig;
import org.guidelinekb.KnowledgeBase;
import org.guidelinekb.error.ValidationException;
import org.guidelinekb.error.ValidationException.Violation;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.KnowledgeStore;
import org.guidelinekb.vocab.GKB;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The violation checks judge new content over the new content plus the stored content it links to or that links to
 * it ({@link CheckScope}); their verdicts must be exactly those of the checks over the whole knowledge base.
 * <ul>
 * <li>every check fixture of {@code src/test/resources/shapes/checks} (see ShippedContentTest), joining a store that
 *     holds the bundled content, fails with exactly the rows the checks give over the whole knowledge base;</li>
 * <li>every case of {@code src/test/resources/load/linked/<query>--<case>/}: {@code stored/*.ttl} (if any) load
 *     cleanly on top of the bundled content, then {@code new.ttl} is refused by {@code <query>} with the same rows
 *     as the whole-KB run; with a {@code stored/} folder, the violation shows only through the link into stored
 *     content (the file checked on its own does not raise it); {@code passes.ttl}, its counterpart that links to
 *     stored content the right way, loads (with a PROV activity), and loading it again changes and records
 *     nothing.</li>
 * </ul>
 */
class TestIncrementalChecks {
    static final Path CHECK_FIXTURES = Paths.get("src/test/resources/shapes/checks");
    static final Path LINKED = Paths.get("src/test/resources/load/linked");

    static KnowledgeStore bundled;
    static ContentValidator validator;

    @BeforeAll
    static void bundledStore() {
        AppConfig config = AppConfig.forTests().withInMemory(true).withLoadBundled(true);
        QueryLibrary queries = QueryLibrary.load();
        bundled = KnowledgeBase.openStore(config, queries);
        KnowledgeBase.openLoader(config, bundled, queries, msg -> {});
        validator = new ContentValidator(Ontology.load(), queries, bundled);
    }

    @AfterAll
    static void close() {
        bundled.close();
    }

    static Stream<Path> checkFixtures() throws IOException {
        return list(CHECK_FIXTURES).filter(p -> p.toString().endsWith(".ttl"));
    }

    static Stream<Path> linkedCases() throws IOException {
        return list(LINKED).filter(Files::isDirectory);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkFixtures")
    void check_fixture_fails_joining_the_store_exactly_as_over_the_whole_kb(Path fixture) {
        Graph content = RDFDataMgr.loadGraph(fixture.toString());
        Set<String> incremental = bundled.read(r -> rows(validator.checkJoining(content, r)));
        Set<String> whole = rows(wholeKnowledgeBase(bundled, validator, content));
        String query = "sparql/checks/" + queryOf(fixture) + ".rq";
        assertTrue(incremental.stream().anyMatch(row -> row.startsWith(query)), () -> fixture + " raised no row of " + query + ": " + incremental);
        assertEquals(whole, incremental, fixture.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("linkedCases")
    void linked_case_fails_only_through_stored_content(Path dir) throws IOException {
        String query = "sparql/checks/" + queryOf(dir) + ".rq";
        AppConfig config = AppConfig.forTests().withInMemory(true).withLoadBundled(true);
        QueryLibrary queries = QueryLibrary.load();
        try (KnowledgeStore store = KnowledgeBase.openStore(config, queries)) {
            ContentLoader loader = KnowledgeBase.openLoader(config, store, queries, msg -> {});
            Path stored = dir.resolve("stored");
            if (Files.isDirectory(stored)) {
                List<ContentFile> files = list(stored).map(ContentFile::read).toList();
                assertFalse(files.isEmpty(), stored + " holds no file");
                loader.load(files, "test", msg -> {});
            }
            ContentFile bad = ContentFile.read(dir.resolve("new.ttl"));
            ValidationException refused = assertThrows(ValidationException.class, () -> loader.load(List.of(bad), "test", msg -> {}));
            Set<String> incremental = rows(refused.violations());
            assertTrue(incremental.stream().anyMatch(row -> row.startsWith(query)), () -> dir + ": new.ttl raised no row of " + query + ": " + incremental);

            Graph content = ParsedContent.parse(bad, queries).graph();
            ContentValidator own = new ContentValidator(Ontology.load(), queries, store);
            assertEquals(rows(wholeKnowledgeBase(store, own, content)), incremental, dir + ": rows differ from the whole-KB run");
            if (Files.isDirectory(stored)) {
                Set<String> alone = rows(own.checkAlone(content));
                assertTrue(alone.stream().noneMatch(row -> row.startsWith(query)), () -> dir + ": new.ttl raises " + query + " on its own too: " + alone);
            }

            ContentFile good = ContentFile.read(dir.resolve("passes.ttl"));
            LoadReport first = loader.load(List.of(good), "test", msg -> {});
            assertEquals("loaded", first.files().get(0).status());
            assertTrue(first.activity() != null, "a load that changes content is recorded (PROV)");
            LoadReport again = loader.load(List.of(good), "test", msg -> {});
            assertEquals("unchanged", again.files().get(0).status(), "unchanged content changes nothing");
            assertEquals(null, again.activity(), "and records nothing");
        }
    }

    /** The checks over the ontology, every stored content graph and {@code content}: the reference verdict. */
    static List<Violation> wholeKnowledgeBase(KnowledgeStore store, ContentValidator validator, Graph content) {
        Graph kb = GraphFactory.createDefaultGraph();
        var dsg = store.localDataset().orElseThrow();
        Txn.executeRead(dsg, () -> dsg.find().forEachRemaining(q -> {
            Node g = q.getGraph();
            if (!(g.isURI() && g.getURI().startsWith(GKB.GRAPH))) kb.add(q.asTriple());
        }));
        content.find().forEachRemaining(kb::add);
        return validator.checks(kb, Map.of(), null);
    }

    /** The rows of the violation checks (the SHACL results left out), as rule, focus node and message. */
    static Set<String> rows(List<Violation> violations) {
        return violations.stream().filter(v -> v.rule() != null && v.rule().startsWith("sparql/"))
                .map(v -> v.rule() + " " + v.focusNode() + " " + v.message()).collect(Collectors.toCollection(TreeSet::new));
    }

    static String queryOf(Path fixture) {
        String name = fixture.getFileName().toString();
        return name.substring(0, name.indexOf("--"));
    }

    static Stream<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList().stream();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
