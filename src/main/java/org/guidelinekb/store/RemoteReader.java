package org.guidelinekb.store;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExecBuilder;
import org.apache.jena.sparql.exec.http.QueryExecHTTP;
import org.apache.jena.sparql.graph.GraphFactory;
import org.guidelinekb.sparql.QueryLibrary;

/** A reader over a remote SPARQL 1.1 query endpoint. */
final class RemoteReader extends ExecReader {
    private final RemoteEndpoints endpoints;
    private final QueryLibrary queries;
    private final long timeoutMillis;

    RemoteReader(RemoteEndpoints endpoints, QueryLibrary queries, long timeoutMillis) {
        this.endpoints = endpoints;
        this.queries = queries;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    protected QueryExecBuilder exec() {
        return QueryExecHTTP.service(endpoints.query()).httpHeaders(endpoints.headers()).timeout(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public Graph graph(Node graphName) {
        return construct(queries.get("internal/graph-content"), Map.of("graph", graphName));
    }

    @Override
    public boolean containsGraph(Node graphName) {
        return ask(queries.get("internal/graph-exists"), Map.of("graph", graphName));
    }

    @Override
    public Graph contentView(Set<Node> excluding) {
        Graph copy = GraphFactory.createDefaultGraph(); // a remote store has no live view: copy what is needed
        var rows = select(queries.get("internal/all-quads"), Map.of());
        while (rows.hasNext()) {
            Binding b = rows.next();
            if (!excluding.contains(b.get("g"))) copy.add(b.get("s"), b.get("p"), b.get("o"));
        }
        return copy;
    }

    @Override
    public StoreStats stats() {
        var rows = select(queries.get("internal/store-stats"), Map.of());
        if (!rows.hasNext()) return new StoreStats(0, 0);
        Binding b = rows.next();
        return new StoreStats(num(b.get("triples")), num(b.get("graphs")));
    }

    private static long num(Node n) {
        return n == null ? 0 : Long.parseLong(n.getLiteralLexicalForm());
    }
}
