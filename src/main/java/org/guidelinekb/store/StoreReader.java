package org.guidelinekb.store;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.exec.RowSetRewindable;

/**
 * A consistent read view of the store, valid only inside {@link KnowledgeStore#read}. Parameters are bound as RDF
 * terms (Jena's substitution), never pasted into query text.
 */
public interface StoreReader {
    /** Runs a SELECT and materialises its rows. */
    RowSetRewindable select(Query query, Map<String, Node> bindings);

    /**
     * Runs a SELECT that the engine stops after {@code timeout}; {@code abort} receives, before the query starts, a
     * handle that stops it early (a watchdog's). A stopped query throws Jena's {@code QueryCancelledException}.
     */
    default RowSetRewindable select(Query query, Map<String, Node> bindings, Duration timeout, Consumer<Runnable> abort) {
        return select(query, bindings);
    }

    /** Runs a CONSTRUCT or DESCRIBE into a new in-memory graph. */
    Graph construct(Query query, Map<String, Node> bindings);

    /** Runs an ASK. */
    boolean ask(Query query, Map<String, Node> bindings);

    /** A copy of one named graph; empty when it does not exist. */
    Graph graph(Node graphName);

    /**
     * Every triple of one named graph, in one pass, without an intermediate copy where the store allows it (the
     * embedded store reads its index; a remote store fetches the graph once).
     */
    default void forEachTriple(Node graphName, Consumer<org.apache.jena.graph.Triple> sink) {
        graph(graphName).find().forEachRemaining(sink);
    }

    /** Whether the named graph exists and has at least one triple. */
    boolean containsGraph(Node graphName);

    /** Counts for health reports. */
    StoreStats stats();

    /**
     * The triples of the content graphs (every named graph except the server's bookkeeping graphs under
     * {@code https://w3id.org/gkb/graph/}), minus the graphs in {@code excluding}, that match one pattern
     * ({@code Node.ANY} matches anything); a triple held by several graphs may come more than once. Used to check new
     * content against the stored content it links to and that links to it, one lookup per node.
     */
    void findContent(Node s, Node p, Node o, Set<Node> excluding, Consumer<Triple> sink);

    /**
     * Whether a content graph other than those in {@code excluding} and the ontology graph exists (a fresh store
     * has none, and new content then has nothing stored to link to).
     */
    boolean hasContent(Set<Node> excluding);
}
