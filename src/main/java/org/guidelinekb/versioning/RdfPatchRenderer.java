package org.guidelinekb.versioning;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.rdfpatch.text.RDFChangesWriterText;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * The triple-level delta between two version graphs, as an RDF Patch (jena-rdfpatch, text form).
 *
 * <p>Statement, criterion, coverage and source-locator IRIs contain their version's IRI
 * ({@code id:guideline/g/version/A/statement/r}), so a literal delta would delete and re-add every statement, changed
 * or not. The patch therefore aligns the {@code from} graph first: the version IRI {@code A} becomes {@code B}, and an
 * IRI under {@code A/} becomes the same path under {@code B/} when version B has that node (a statement of the same
 * recommendation, its criteria, its source locator, a coverage item of the same section); nodes only A has keep their
 * IRIs. The patch turns that aligned copy of A into B exactly, so an unchanged statement produces no line. Headers
 * {@code H from <A>} and {@code H to <B>} name the versions; the changes form one transaction ({@code TX} …
 * {@code TC}), deletions first, each block sorted.
 */
public final class RdfPatchRenderer {

    public static final String CONTENT_TYPE = "application/rdf-patch";

    public String render(String fromIri, Graph from, String toIri, Graph to) {
        Graph aligned = align(from, fromIri, toIri, to);
        List<Triple> deletes = new ArrayList<>();
        List<Triple> adds = new ArrayList<>();
        aligned.find().forEachRemaining(t -> { if (!to.contains(t)) deletes.add(t); });
        to.find().forEachRemaining(t -> { if (!aligned.contains(t)) adds.add(t); });
        Comparator<Triple> order = Comparator.comparing(RdfPatchRenderer::str);
        deletes.sort(order);
        adds.sort(order);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFChangesWriterText w = RDFPatchOps.textWriter(out);
        w.start();
        w.header("from", NodeFactory.createURI(fromIri));
        w.header("to", NodeFactory.createURI(toIri));
        w.txnBegin();
        for (Triple t : deletes) w.delete(null, t.getSubject(), t.getPredicate(), t.getObject());
        for (Triple t : adds) w.add(null, t.getSubject(), t.getPredicate(), t.getObject());
        w.txnCommit();
        w.finish();
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * A copy of {@code from} aligned with {@code to}: {@code fromIri} becomes {@code toIri}, and an IRI under
     * {@code fromIri/} moves under {@code toIri/} when {@code to} has a node (a subject) of that IRI.
     */
    public static Graph align(Graph from, String fromIri, String toIri, Graph to) {
        Set<String> targets = new HashSet<>();
        String toPrefix = toIri + "/";
        to.find().forEachRemaining(t -> {
            if (t.getSubject().isURI() && t.getSubject().getURI().startsWith(toPrefix)) targets.add(t.getSubject().getURI());
        });
        Graph out = GraphFactory.createDefaultGraph();
        from.find().forEachRemaining(t -> out.add(Triple.create(rename(t.getSubject(), fromIri, toIri, targets),
                rename(t.getPredicate(), fromIri, toIri, targets), rename(t.getObject(), fromIri, toIri, targets))));
        return out;
    }

    private static Node rename(Node n, String fromIri, String toIri, Set<String> targets) {
        if (!n.isURI()) return n;
        String u = n.getURI();
        if (u.equals(fromIri)) return NodeFactory.createURI(toIri);
        if (u.startsWith(fromIri + "/")) {
            String moved = toIri + u.substring(fromIri.length());
            if (targets.contains(moved)) return NodeFactory.createURI(moved);
        }
        return n;
    }

    private static String str(Triple t) {
        return NodeFmtLib.strNT(t.getSubject()) + " " + NodeFmtLib.strNT(t.getPredicate()) + " " + NodeFmtLib.strNT(t.getObject());
    }
}
