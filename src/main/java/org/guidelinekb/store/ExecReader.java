package org.guidelinekb.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.exec.QueryExecBuilder;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetMem;
import org.apache.jena.sparql.exec.RowSetRewindable;
import org.apache.jena.sparql.exec.RowSetStream;
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
        try (var qe = prepared(query, bindings).build()) {
            return detached(qe.select());
        }
    }

    @Override
    public RowSetRewindable select(Query query, Map<String, Node> bindings, Duration timeout, Consumer<Runnable> abort) {
        try (var qe = prepared(query, bindings).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).build()) {
            abort.accept(qe::abort);
            return detached(qe.select());
        }
    }

    /**
     * Every row copied with its terms resolved now: TDB2 rows resolve their terms lazily and must not be read after
     * the transaction ends, while a {@link StoreReader}'s rows may be kept past it.
     */
    private static RowSetRewindable detached(RowSet rows) {
        List<Binding> out = new ArrayList<>();
        while (rows.hasNext()) {
            Binding b = rows.next();
            BindingBuilder copy = Binding.builder();
            b.forEach(copy::add);
            out.add(copy.build());
        }
        return RowSetMem.create(RowSetStream.create(rows.getResultVars(), out.iterator()));
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
