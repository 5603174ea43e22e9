package org.guidelinekb.store;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.exec.QueryExecBuilder;
import org.apache.jena.sparql.exec.RowSetRewindable;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * The query half of a {@link StoreReader}, shared by every store: it binds parameters as RDF terms and runs the
 * query on whatever {@link QueryExecBuilder} the store supplies (a local dataset or a remote endpoint).
 */
abstract class ExecReader implements StoreReader {

    /** A fresh builder for one query execution. */
    protected abstract QueryExecBuilder exec();

    private QueryExecBuilder prepared(Query query, Map<String, Node> bindings) {
        QueryExecBuilder b = exec().query(query);
        bindings.forEach(b::substitution);
        return b;
    }

    @Override
    public RowSetRewindable select(Query query, Map<String, Node> bindings) {
        return prepared(query, bindings).select().rewindable();
    }

    @Override
    public RowSetRewindable select(Query query, Map<String, Node> bindings, Duration timeout, Consumer<Runnable> abort) {
        try (var qe = prepared(query, bindings).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).build()) {
            abort.accept(qe::abort);
            return qe.select().rewindable();
        }
    }

    @Override
    public Graph construct(Query query, Map<String, Node> bindings) {
        Graph g = GraphFactory.createDefaultGraph();
        try (var qe = prepared(query, bindings).build()) {
            var it = query.isDescribeType() ? qe.describeTriples() : qe.constructTriples();
            it.forEachRemaining(g::add);
        }
        return g;
    }

    @Override
    public boolean ask(Query query, Map<String, Node> bindings) {
        return prepared(query, bindings).ask();
    }
}
