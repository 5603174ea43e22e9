package org.guidelinekb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.exec.UpdateExec;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.update.UpdateFactory;
import org.apache.jena.update.UpdateRequest;
import org.guidelinekb.vocab.GKB;
import org.junit.jupiter.api.Test;

/** The one-request remote write: valid SPARQL, all applied when the stamp matches, nothing when it does not. */
class TestGuardedUpdate {
    static final Node G = NodeFactory.createURI("urn:test:g");
    static final Node OLD = NodeFactory.createURI("urn:test:old");
    static final Node S = NodeFactory.createURI("urn:test:s");
    static final Node P = NodeFactory.createURI("urn:test:p");
    static final Node STAMP_A = NodeFactory.createLiteralString("a");
    static final Node STAMP_B = NodeFactory.createLiteralString("b");

    static DatasetGraph store(Node stamp) {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        dsg.add(Quad.create(G, S, P, OLD));
        dsg.add(Quad.create(GKB.catalogGraph, GKB.catalogGraph, GuardedUpdate.STAMP, stamp));
        return dsg;
    }

    static ChangeSet change() {
        Graph g = GraphFactory.createDefaultGraph();
        g.add(S, P, NodeFactory.createLiteralString("new"));
        return ChangeSet.builder().replaceGraph(G, g)
                .delete(Quad.create(GKB.catalogGraph, GKB.catalogGraph, GuardedUpdate.STAMP, STAMP_A))
                .add(Quad.create(GKB.catalogGraph, GKB.catalogGraph, GuardedUpdate.STAMP, STAMP_B)).build();
    }

    static UpdateRequest roundTrip(UpdateRequest req) {
        return UpdateFactory.create(req.toString()); // what goes over the wire must parse
    }

    @Test void applies_everything_when_the_stamp_is_the_one_planned() {
        DatasetGraph dsg = store(STAMP_A);
        Node receipt = NodeFactory.createURI("urn:test:receipt1");
        UpdateExec.dataset(dsg).update(roundTrip(GuardedUpdate.build(change(), STAMP_A, receipt))).execute();
        assertTrue(dsg.contains(G, S, P, NodeFactory.createLiteralString("new")));
        assertFalse(dsg.contains(G, S, P, OLD), "the graph was replaced");
        assertTrue(dsg.contains(GKB.catalogGraph, GKB.catalogGraph, GuardedUpdate.STAMP, STAMP_B));
        assertTrue(dsg.contains(GuardedUpdate.LOCK_GRAPH, receipt, GuardedUpdate.DONE, Node.ANY), "receipt left");
        assertFalse(dsg.contains(GuardedUpdate.LOCK_GRAPH, receipt, GuardedUpdate.TOKEN, Node.ANY), "lock released");
    }

    @Test void changes_nothing_when_another_writer_changed_the_stamp() {
        DatasetGraph dsg = store(STAMP_B);
        long before = dsg.stream().count();
        Node receipt = NodeFactory.createURI("urn:test:receipt2");
        UpdateExec.dataset(dsg).update(roundTrip(GuardedUpdate.build(change(), STAMP_A, receipt))).execute();
        assertEquals(before, dsg.stream().count());
        assertTrue(dsg.contains(G, S, P, OLD));
        assertFalse(dsg.contains(GuardedUpdate.LOCK_GRAPH, receipt, Node.ANY, Node.ANY), "no receipt");
    }

    @Test void a_store_without_a_stamp_is_guarded_by_its_absence() {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        Node receipt = NodeFactory.createURI("urn:test:receipt3");
        UpdateExec.dataset(dsg).update(roundTrip(GuardedUpdate.build(change(), null, receipt))).execute();
        assertTrue(dsg.contains(G, S, P, NodeFactory.createLiteralString("new")));
        UpdateExec.dataset(dsg).update(roundTrip(GuardedUpdate.clearReceipt(receipt))).execute();
        assertFalse(dsg.contains(GuardedUpdate.LOCK_GRAPH, receipt, Node.ANY, Node.ANY));
    }
}
