package org.guidelinekb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.guidelinekb.vocab.GKB;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graph written whole ({@link ChangeSet.Builder#replaceGraph}) holds exactly the quads that adding them one by
 * one gives, found through every index (by graph, subject, predicate and object), on disk and after reopening.
 */
class TestTdb2StoreGraphWrite {
    private static final String TTL = """
            @prefix ex: <https://example.org/> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
            ex:a ex:p ex:b , "text" , "tekst"@nl , 42 , -7 , 3.25 , "2026-12-06"^^xsd:date , true , [ ex:q ex:a ] .
            ex:b ex:p ex:a ; ex:r ( 1 2 3 ) ; ex:s "2026-12-06T10:00:00Z"^^xsd:dateTime , 1234567890123456789 .
            ex:c ex:r ex:c .
            """;

    @Test
    void a_graph_written_whole_holds_the_quads_of_adding_them_one_by_one(@TempDir Path data) {
        Graph content = RDFParser.fromString(TTL, Lang.TURTLE).toGraph();
        Node name = GKB.iri("https://example.org/graph");
        Node other = GKB.iri("https://example.org/other");
        DatasetGraph expected = DatabaseMgr.createDatasetGraph();
        Txn.executeWrite(expected, () -> {
            content.find().forEachRemaining(t -> expected.add(Quad.create(name, t)));
            content.find().forEachRemaining(t -> expected.add(Quad.create(other, t)));
        });
        try (Tdb2Store store = Tdb2Store.open(data)) {
            // one graph first, so that the second one's nodes are partly in the node table already
            store.write(r -> ChangeSet.builder().replaceGraph(name, content).build());
            store.write(r -> ChangeSet.builder().replaceGraph(other, content).replaceGraph(name, content).build());
            same(lookups(expected, content), lookups(store.localDataset().orElseThrow(), content));
        }
        try (Tdb2Store reopened = Tdb2Store.open(data)) {
            same(lookups(expected, content), lookups(reopened.localDataset().orElseThrow(), content));
        }
    }

    private static void same(List<Set<String>> expected, List<Set<String>> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Set<String> missing = new TreeSet<>(expected.get(i));
            missing.removeAll(actual.get(i));
            Set<String> extra = new TreeSet<>(actual.get(i));
            extra.removeAll(expected.get(i));
            assertEquals(Set.of(), missing, "lookup " + i + " misses quads; it has these others: " + extra);
            assertEquals(Set.of(), extra, "lookup " + i + " finds quads it should not");
        }
    }

    /** Every quad, and what each lookup by one position finds (each is answered by another index). */
    private static List<Set<String>> lookups(DatasetGraph dsg, Graph content) {
        return Txn.calculateRead(dsg, () -> {
            List<Set<String>> out = new ArrayList<>();
            out.add(strings(dsg, Node.ANY, Node.ANY, Node.ANY, Node.ANY));
            assertFalse(out.get(0).isEmpty());
            dsg.listGraphNodes().forEachRemaining(g -> out.add(strings(dsg, g, Node.ANY, Node.ANY, Node.ANY)));
            content.find().forEachRemaining(t -> {
                if (!t.getSubject().isBlank()) out.add(strings(dsg, Node.ANY, t.getSubject(), Node.ANY, Node.ANY));
                out.add(strings(dsg, Node.ANY, Node.ANY, t.getPredicate(), Node.ANY));
                if (!t.getObject().isBlank()) out.add(strings(dsg, Node.ANY, Node.ANY, Node.ANY, t.getObject()));
                if (!t.getSubject().isBlank()) out.add(strings(dsg, Node.ANY, t.getSubject(), t.getPredicate(), Node.ANY));
            });
            return out;
        });
    }

    private static Set<String> strings(DatasetGraph dsg, Node g, Node s, Node p, Node o) {
        Set<String> out = new TreeSet<>();
        // blank nodes get other labels in another dataset: compared by shape, not label
        dsg.find(g, s, p, o).forEachRemaining(q -> out.add(q.toString().replaceAll("_:\\S+", "_:b")));
        out.add("count " + dsg.stream(g, s, p, o).count());
        return out;
    }
}
