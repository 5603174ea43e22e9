package org.guidelinekb.versioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.guidelinekb.AppConfig;
import org.guidelinekb.KnowledgeBase;
import org.guidelinekb.catalog.VersionSelector;
import org.guidelinekb.load.ContentFile;
import org.guidelinekb.vocab.GKB;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Golden files for the version comparison: each folder under src/test/resources/versioning holds from.ttl and to.ttl
 * (versions 1 and 2 of the invented guideline test-gl), the expected JSON and the expected Markdown. The versions are validated
 * and loaded by the real loader; the RDF Patch rendering is checked by applying it.
 *
 * <p>To rewrite the golden files after an intended change: {@code -Dgkb.golden.update=true}, then review the diff.
 */
class TestVersionComparisonGolden {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final boolean UPDATE = Boolean.getBoolean("gkb.golden.update");

    static List<Path> scenarios() {
        return VersioningTestLib.scenarios();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void comparison_matches_the_golden_files(Path dir) throws IOException {
        try (KnowledgeBase kb = KnowledgeBase.open(AppConfig.forTests().withLoadBundled(false), m -> { })) {
            // the fixtures link evidence to two shipped studies
            kb.load(List.of(ContentFile.read(Path.of("kb/studies/badwe-2015.ttl")), ContentFile.read(Path.of("kb/studies/e2108.ttl")),
                    ContentFile.read(dir.resolve("from.ttl")), ContentFile.read(dir.resolve("to.ttl"))), "test", m -> { });
            Versions versions = kb.versions();
            VersionSelector a = VersionSelector.label("1");
            VersionSelector b = VersionSelector.label("2");
            GuidelineDiff diff = versions.compare("test-gl", a, b);
            String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(diff) + "\n";
            String md = versions.markdown(diff);
            if (UPDATE) {
                Files.writeString(dir.resolve("expected.json"), json, StandardCharsets.UTF_8);
                Files.writeString(dir.resolve("expected.md"), md, StandardCharsets.UTF_8);
            }
            JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
            assertEquals(expected, JSON.readTree(json), dir + ": JSON differs from expected.json; actual:\n" + json);
            assertEquals(normalise(Files.readString(dir.resolve("expected.md"), StandardCharsets.UTF_8)), normalise(md),
                    dir + ": Markdown differs from expected.md");

            // The RDF Patch turns (the aligned) version 1 into version 2, exactly.
            String patch = versions.rdfPatch("test-gl", a, b);
            Graph from = kb.store().read(r -> r.graph(GKB.version("test-gl", "1")));
            Graph to = kb.store().read(r -> r.graph(GKB.version("test-gl", "2")));
            Graph patched = RdfPatchRenderer.align(from, GKB.version("test-gl", "1").getURI(), GKB.version("test-gl", "2").getURI(), to);
            DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
            Txn.executeWrite(dsg, () -> patched.find().forEachRemaining(dsg.getDefaultGraph()::add));
            RDFPatchOps.applyChange(dsg, RDFPatchOps.read(new ByteArrayInputStream(patch.getBytes(StandardCharsets.UTF_8))));
            Graph result = Txn.calculateRead(dsg, () -> copy(dsg.getDefaultGraph()));
            assertTrue(result.isIsomorphicWith(to), dir + ": applying the patch does not give version 2:\n" + patch);
            String v1 = GKB.version("test-gl", "1").getURI();
            String v2 = GKB.version("test-gl", "2").getURI();
            for (GuidelineDiff.StatementBrief r : diff.removed()) {
                assertTrue(patch.contains("D <" + r.statement() + "> "), "a removed statement keeps its IRI: " + r.statement());
                assertTrue(r.statement().startsWith(v1 + "/"), r.statement());
            }
            for (GuidelineDiff.StatementBrief a2 : diff.added()) {
                assertTrue(patch.contains("A <" + a2.statement() + "> "), "an added statement: " + a2.statement());
                assertTrue(a2.statement().startsWith(v2 + "/"), a2.statement());
            }
            if (diff.added().isEmpty() && diff.removed().isEmpty() && diff.modified().isEmpty() && diff.notCovered().isEmpty()
                && diff.curated().isEmpty()) {
                assertTrue(patch.lines().filter(l -> l.startsWith("A ") || l.startsWith("D ")).noneMatch(l -> l.contains("/statement/")),
                        "identical statements give no change line (only the version's own description differs):\n" + patch);
            }
        }
    }

    private static Graph copy(Graph g) {
        Graph out = GraphFactory.createDefaultGraph();
        g.find().forEachRemaining(out::add);
        return out;
    }

    private static String normalise(String s) {
        return s.replace("\r\n", "\n").strip();
    }
}
