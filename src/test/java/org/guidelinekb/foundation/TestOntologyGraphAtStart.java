package org.guidelinekb.foundation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.DCTerms;
import org.guidelinekb.AppConfig;
import org.guidelinekb.KnowledgeBase;
import org.guidelinekb.load.Ontology;
import org.guidelinekb.store.ChangeSet;
import org.guidelinekb.vocab.GKB;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stored ontology graph carries the SHA-256 of the ontology files it was made from; a start replaces it only
 * when that differs from this build's, and otherwise writes nothing (one lookup, not a copy and comparison).
 */
class TestOntologyGraphAtStart {
    @TempDir
    Path dir;

    private AppConfig config() {
        return AppConfig.forTests().withDataDir(dir).withLoadBundled(false);
    }

    private static Graph stored(KnowledgeBase kb) {
        return kb.store().read(r -> r.graph(GKB.ontologyGraph));
    }

    @Test
    void a_first_start_stores_the_ontology_with_its_fingerprint() {
        Ontology o = Ontology.load();
        assertTrue(o.fingerprint().matches("sha256:[0-9a-f]{64}"), o.fingerprint());
        try (KnowledgeBase kb = KnowledgeBase.open(config(), m -> { })) {
            assertTrue(stored(kb).isIsomorphicWith(o.storedGraph()));
        }
    }

    @Test
    void a_graph_made_from_other_files_is_replaced_and_one_of_this_build_is_left_alone() {
        Ontology o = Ontology.load();
        Triple marker = Triple.create(GKB.ontologyGraph, NodeFactory.createURI("https://example.org/test#marker"), NodeFactory.createLiteralString("x"));
        // an ontology graph of this build's fingerprint with one extra triple: a start must not rewrite it
        try (KnowledgeBase kb = KnowledgeBase.open(config(), m -> { })) {
            Graph g = o.storedGraph();
            g.add(marker);
            kb.store().write(r -> ChangeSet.builder().replaceGraph(GKB.ontologyGraph, g).build());
        }
        try (KnowledgeBase kb = KnowledgeBase.open(config(), m -> { })) {
            assertTrue(stored(kb).contains(marker), "the stored graph was rewritten although its fingerprint is this build's");
            // the same graph under another fingerprint: the next start replaces it with this build's ontology
            Graph old = stored(kb);
            old.remove(GKB.ontologyGraph, DCTerms.identifier.asNode(), NodeFactory.createLiteralString(o.fingerprint()));
            old.add(GKB.ontologyGraph, DCTerms.identifier.asNode(), NodeFactory.createLiteralString("sha256:" + "0".repeat(64)));
            kb.store().write(r -> ChangeSet.builder().replaceGraph(GKB.ontologyGraph, old).build());
        }
        try (KnowledgeBase kb = KnowledgeBase.open(config(), m -> { })) {
            assertFalse(stored(kb).contains(marker));
            assertTrue(stored(kb).isIsomorphicWith(o.storedGraph()));
        }
    }
}
