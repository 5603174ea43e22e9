package org.guidelinekb.load;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.guidelinekb.store.StoreReader;
import org.guidelinekb.vocab.GKB;

/**
 * The part of the stored knowledge base that the violation checks ({@code sparql/checks}) need to judge new content:
 * what the new content links to and what links to it, so that a load costs what its content costs, not what the
 * whole knowledge base holds.
 *
 * <p>Gathered, from the store minus the graphs the load replaces and the ontology graph (the caller's graph holds
 * the ontology already):
 * <ol>
 * <li>every stored triple about a node of the new content, and every stored triple that links to a node the new
 *     content (or a graph it replaces) describes;</li>
 * <li>the description (every triple with it as subject) of each node found that way;</li>
 * <li>along the links the checks follow transitively (criteria trees: {@code gkb:criteria}, {@code gkb:operand},
 *     {@code gkb:factor}; version chains: {@code prov:wasRevisionOf}, {@code pav:previousVersion}), the whole stored
 *     tree or chain that the new content's nodes belong to or link into, in both directions, with descriptions (not
 *     the trees of the stored nodes found in 1., e.g. the statements of earlier versions of the same
 *     recommendation).</li>
 * </ol>
 * Nodes the ontology describes (classes, code-list concepts, attributes) are never followed backwards: every
 * statement links to them. A check's row counts when it names a node that the new content or a replaced graph
 * describes or links to ({@link #involved()}); other rows can only be about stored content, which its own load
 * validated.
 */
final class CheckScope {
    private static final Set<Node> CHAINS = Set.of(GKB.term("criteria"), GKB.term("operand"), GKB.term("factor"),
            GKB.iri("http://www.w3.org/ns/prov#wasRevisionOf"), GKB.iri("http://purl.org/pav/previousVersion"));

    private final StoreReader reader;
    private final Set<Node> excluding;
    private final Graph ontology;
    private final Graph into;
    private final Set<Node> involved = new HashSet<>();
    private final Set<Node> described = new HashSet<>();
    private final Set<Node> chained = new HashSet<>();
    private long lookups;

    private CheckScope(StoreReader reader, Set<Node> excluding, Graph ontology, Graph into) {
        this.reader = reader;
        this.excluding = excluding;
        this.ontology = ontology;
        this.into = into;
    }

    /**
     * Adds to {@code into} (which holds the ontology and the new content) the stored content the checks need.
     *
     * @param batch the new content graphs
     * @param replaced the stored graphs the load replaces (their content is left out; the nodes they described count)
     */
    static CheckScope gather(List<Graph> batch, Set<Node> replaced, StoreReader reader, Graph ontology, Graph into) {
        CheckScope scope = new CheckScope(reader, replaced, ontology, into);
        scope.run(batch, replaced);
        return scope;
    }

    /**
     * The nodes whose rows count: the subjects of the new content and of the graphs it replaces, and the nodes the
     * new content links to (but not the ontology's).
     */
    Set<Node> involved() {
        return involved;
    }

    /** Index lookups made (for progress lines). */
    long lookups() {
        return lookups;
    }

    private void run(List<Graph> batch, Set<Node> replaced) {
        Set<Node> objects = new HashSet<>();
        Deque<Node> chain = new ArrayDeque<>();
        for (Graph g : batch) {
            g.find().forEachRemaining(t -> {
                involved.add(t.getSubject());
                if (t.getObject().isURI()) objects.add(t.getObject());
                if (CHAINS.contains(t.getPredicate())) chain.add(t.getObject());
            });
        }
        for (Node root : replaced) {
            if (reader.containsGraph(root)) reader.graph(root).find().forEachRemaining(t -> involved.add(t.getSubject()));
        }
        for (Node o : objects) {
            if (!inOntology(o)) involved.add(o); // a stored node the new content links to may break a rule through it
        }
        if (!reader.hasContent(replaced)) return; // a fresh store: nothing stored to link to
        chained.addAll(involved); // their links in and their stored descriptions are looked up right below
        Set<Node> neighbours = new HashSet<>();
        // what links to the nodes the new content describes
        for (Node n : involved) {
            if (!n.isURI() || inOntology(n)) continue;
            find(Node.ANY, Node.ANY, n, t -> {
                neighbours.add(t.getSubject());
                if (CHAINS.contains(t.getPredicate())) chain.add(t.getSubject());
            });
        }
        // what the new content links to, and stored statements about its own nodes
        objects.addAll(involved);
        for (Node n : objects) {
            if (n.isURI() && !inOntology(n)) describe(n, neighbours, chain);
        }
        for (Node n : Set.copyOf(neighbours)) {
            if (n.isURI() && !inOntology(n)) describe(n, null, null); // a neighbour's own tree or chain is not followed
        }
        // whole trees and chains, both ways
        while (!chain.isEmpty()) {
            Node n = chain.pop();
            if (!n.isURI() || inOntology(n) || !chained.add(n)) continue;
            describe(n, null, chain);
            for (Node p : CHAINS) find(Node.ANY, p, n, t -> chain.add(t.getSubject()));
        }
    }

    /**
     * Adds the stored triples with {@code n} as subject (once per node); their objects go to {@code objects}, and
     * the objects of their tree and chain links to {@code chain} (either may be null: not collected).
     */
    private void describe(Node n, Set<Node> objects, Deque<Node> chain) {
        if (!described.add(n)) return;
        find(n, Node.ANY, Node.ANY, t -> {
            if (objects != null && t.getObject().isURI()) objects.add(t.getObject());
            if (chain != null && CHAINS.contains(t.getPredicate())) chain.add(t.getObject());
        });
    }

    private void find(Node s, Node p, Node o, Consumer<Triple> also) {
        lookups++;
        reader.findContent(s, p, o, excluding, t -> {
            into.add(t);
            also.accept(t);
        });
    }

    private boolean inOntology(Node n) {
        return ontology.contains(n, Node.ANY, Node.ANY);
    }
}
