package org.guidelinekb.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.guidelinekb.AppConfig;
import org.guidelinekb.KnowledgeBase;
import org.guidelinekb.error.ConflictException;
import org.guidelinekb.error.ValidationException;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.KnowledgeStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A load refused for violations leaves the store
 * exactly as it was, quad for quad, on disk and after reopening; the valid version of the file loads afterwards.
 */
class TestRefusedLoadWritesNothing {
    static final Path LINKED = Paths.get("src/test/resources/load/linked");

    static Stream<Path> linkedCases() throws IOException {
        try (Stream<Path> dirs = Files.list(LINKED)) {
            return dirs.filter(Files::isDirectory).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("linkedCases")
    void a_refused_load_leaves_every_quad_as_it_was(Path dir, @TempDir Path data) throws IOException {
        AppConfig config = AppConfig.forTests().withDataDir(data).withLoadBundled(true);
        QueryLibrary queries = QueryLibrary.load();
        Set<String> before;
        try (KnowledgeStore store = KnowledgeBase.openStore(config, queries)) {
            ContentLoader loader = KnowledgeBase.openLoader(config, store, queries, msg -> {});
            Path stored = dir.resolve("stored");
            if (Files.isDirectory(stored)) {
                try (Stream<Path> files = Files.list(stored)) {
                    loader.load(files.sorted().map(ContentFile::read).toList(), "test", msg -> {});
                }
            }
            before = quads(store);
            assertFalse(before.isEmpty());
            ContentFile bad = ContentFile.read(dir.resolve("new.ttl"));
            ValidationException refused = assertThrows(ValidationException.class, () -> loader.load(List.of(bad), "test", msg -> {}));
            assertFalse(refused.violations().isEmpty());
            assertEquals(before, quads(store), "a refused load wrote something");
        }
        try (KnowledgeStore reopened = KnowledgeBase.openStore(config, queries)) {
            assertEquals(before, quads(reopened), "after reopening, the refused load shows");
            ContentLoader loader = KnowledgeBase.openLoader(config, reopened, queries, msg -> {});
            LoadReport good = loader.load(List.of(ContentFile.read(dir.resolve("passes.ttl"))), "test", msg -> {});
            assertEquals("loaded", good.files().get(0).status());
            assertTrue(good.activity() != null, "the valid load is recorded (PROV)");
        }
    }

    /**
     * The write runs beside the validation and commits only when it passes: changed content for a published version
     * is refused as a conflict when it is valid, and as the violations it has when it is not (whichever finishes
     * first), writing nothing either way.
     */
    @Test
    void violations_answer_before_the_refusal_of_a_published_version(@TempDir Path data) throws IOException {
        AppConfig config = AppConfig.forTests().withDataDir(data).withLoadBundled(true);
        QueryLibrary queries = QueryLibrary.load();
        String published = Files.readString(Path.of("kb/guidelines/nccn-breast/2015.ttl"));
        ContentFile valid = new ContentFile("2015-changed.ttl",
                (published + "\n<guideline/nccn-breast/version/2015> rdfs:comment \"changed\" .\n").getBytes(StandardCharsets.UTF_8), Lang.TURTLE);
        ContentFile invalid = new ContentFile("2015-broken.ttl",
                (published + "\n<criterion/refused-load-test> a gkb:AttributeCriterion .\n").getBytes(StandardCharsets.UTF_8), Lang.TURTLE);
        try (KnowledgeStore store = KnowledgeBase.openStore(config, queries)) {
            ContentLoader loader = KnowledgeBase.openLoader(config, store, queries, msg -> {});
            Set<String> before = quads(store);
            assertThrows(ConflictException.class, () -> loader.load(List.of(valid), "test", msg -> {}));
            assertEquals(before, quads(store), "a refused load wrote something");
            ValidationException refused = assertThrows(ValidationException.class, () -> loader.load(List.of(invalid), "test", msg -> {}));
            assertTrue(refused.violations().stream().anyMatch(v -> String.valueOf(v.focusNode()).endsWith("criterion/refused-load-test")),
                    refused.violations().toString());
            assertEquals(before, quads(store), "a refused load wrote something");
        }
    }

    static Set<String> quads(KnowledgeStore store) {
        DatasetGraph dsg = store.localDataset().orElseThrow();
        return Txn.calculateRead(dsg, () -> {
            Set<String> out = new TreeSet<>();
            dsg.find(Node.ANY, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> out.add(q.toString()));
            return out;
        });
    }
}
