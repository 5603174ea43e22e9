package org.guidelinekb.store;

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.expr.E_NotExists;
import org.apache.jena.sparql.modify.request.QuadAcc;
import org.apache.jena.sparql.modify.request.QuadDataAcc;
import org.apache.jena.sparql.modify.request.UpdateDataDelete;
import org.apache.jena.sparql.modify.request.UpdateModify;
import org.apache.jena.sparql.syntax.Element;
import org.apache.jena.sparql.syntax.ElementFilter;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.sparql.syntax.ElementNamedGraph;
import org.apache.jena.sparql.syntax.ElementPathBlock;
import org.apache.jena.update.UpdateRequest;
import org.guidelinekb.vocab.GKB;

/**
 * Turns a {@link ChangeSet} into ONE SPARQL Update request whose every operation depends on the catalog stamp
 * read when the change was planned (compare-and-swap). A SPARQL 1.1 store runs one request in one transaction
 * (Fuseki/TDB2 does; see docs/deployment.md for other engines), so the write is all-or-nothing; and if another
 * replica wrote in between, the guard fails, no operation matches, and no receipt is left.
 *
 * <p>The request is built from Jena's update syntax objects, never from text.
 */
final class GuardedUpdate {
    static final Node LOCK_GRAPH = GKB.iri(GKB.GRAPH + "write-lock");
    static final Node TOKEN = GKB.term("token");
    static final Node DONE = GKB.term("done");
    static final Node STAMP = GKB.term("stamp");
    static final Node ABANDONED = GKB.term("abandoned");

    private GuardedUpdate() {}

    /**
     * @param changes the change to make
     * @param stamp   the catalog stamp seen when planning (a literal), or null when the store had none
     * @param receipt a fresh IRI that the last operation marks as done
     */
    static UpdateRequest build(ChangeSet changes, Node stamp, Node receipt) {
        UpdateRequest req = new UpdateRequest();
        Node tokenValue = NodeFactory.createLiteralDT("true", XSDDatatype.XSDboolean);
        Quad lock = Quad.create(LOCK_GRAPH, receipt, TOKEN, tokenValue);

        // 1. take the lock only if the catalog stamp is still the one the plan saw and the write was not abandoned
        ElementGroup abandoned = new ElementGroup(); // NOT EXISTS takes a group, not a bare GRAPH pattern
        abandoned.addElement(graphPattern(LOCK_GRAPH, Triple.create(receipt, ABANDONED, tokenValue)));
        ElementGroup first = new ElementGroup();
        first.addElement(guard(stamp));
        first.addElement(new ElementFilter(new E_NotExists(abandoned)));
        req.add(modify(List.of(), List.of(lock), first));
        Element locked = graphPattern(LOCK_GRAPH, Triple.create(receipt, TOKEN, tokenValue));

        // 2. empty the graphs to drop or replace
        List<Node> emptied = new ArrayList<>(changes.dropGraphs());
        emptied.addAll(changes.replaceGraphs().keySet());
        Var s = Var.alloc("s"), p = Var.alloc("p"), o = Var.alloc("o");
        for (Node g : emptied) {
            ElementGroup where = new ElementGroup();
            where.addElement(locked);
            where.addElement(graphPattern(g, Triple.create(s, p, o)));
            req.add(modify(List.of(Quad.create(g, s, p, o)), List.of(), where));
        }
        // 3. single deletes, then all inserts
        if (!changes.deleteQuads().isEmpty()) req.add(modify(changes.deleteQuads(), List.of(), locked));
        List<Quad> inserts = new ArrayList<>();
        changes.replaceGraphs().forEach((g, content) -> content.find().forEachRemaining(t -> inserts.add(Quad.create(g, t))));
        inserts.addAll(changes.addQuads());
        if (!inserts.isEmpty()) req.add(modify(List.of(), inserts, locked));

        // 4. turn the lock into the receipt
        req.add(modify(List.of(lock), List.of(Quad.create(LOCK_GRAPH, receipt, DONE, tokenValue)), locked));
        return req;
    }

    /**
     * Marks a write whose answer was lost as abandoned: should its request still reach the store after this, it
     * changes nothing (step 1 no longer matches), so the receipt read next tells for good whether it took effect.
     */
    static UpdateRequest abandon(Node receipt) {
        QuadDataAcc acc = new QuadDataAcc();
        acc.addQuad(Quad.create(LOCK_GRAPH, receipt, ABANDONED, NodeFactory.createLiteralDT("true", XSDDatatype.XSDboolean)));
        return new UpdateRequest(new org.apache.jena.sparql.modify.request.UpdateDataInsert(acc));
    }

    /** Removes a receipt once read (and the mark of abandonment, if any: a write that took effect cannot run again). */
    static UpdateRequest clearReceipt(Node receipt) {
        Node tokenValue = NodeFactory.createLiteralDT("true", XSDDatatype.XSDboolean);
        QuadDataAcc acc = new QuadDataAcc();
        acc.addQuad(Quad.create(LOCK_GRAPH, receipt, DONE, tokenValue));
        acc.addQuad(Quad.create(LOCK_GRAPH, receipt, ABANDONED, tokenValue));
        return new UpdateRequest(new UpdateDataDelete(acc));
    }

    private static Element guard(Node stamp) {
        if (stamp != null) return graphPattern(GKB.catalogGraph, Triple.create(GKB.catalogGraph, STAMP, stamp));
        ElementGroup inner = new ElementGroup();
        inner.addElement(graphPattern(GKB.catalogGraph, Triple.create(GKB.catalogGraph, STAMP, Var.alloc("any"))));
        ElementGroup g = new ElementGroup();
        g.addElement(new ElementFilter(new E_NotExists(inner)));
        return g;
    }

    private static Element graphPattern(Node graph, Triple t) {
        ElementPathBlock block = new ElementPathBlock();
        block.addTriple(t);
        return new ElementNamedGraph(graph, block);
    }

    private static UpdateModify modify(List<Quad> delete, List<Quad> insert, Element where) {
        UpdateModify m = new UpdateModify();
        QuadAcc d = m.getDeleteAcc();
        delete.forEach(d::addQuad);
        QuadAcc i = m.getInsertAcc();
        insert.forEach(i::addQuad);
        m.setHasDeleteClause(!delete.isEmpty());
        m.setHasInsertClause(!insert.isEmpty());
        m.setElement(where);
        return m;
    }
}
