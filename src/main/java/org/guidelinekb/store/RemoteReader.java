package org.guidelinekb.store;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExecBuilder;
import org.apache.jena.sparql.exec.http.QueryExecHTTP;
import org.apache.jena.sparql.exec.http.QueryExecHTTPBuilder;
import org.apache.jena.sparql.graph.GraphFactory;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.vocab.GKB;

/** A reader over a remote SPARQL 1.1 query endpoint. */
final class RemoteReader extends ExecReader {
    private final RemoteEndpoints endpoints;
    private final QueryLibrary queries;
    private final long timeoutMillis;
    private final Map<Set<Node>, Graph> copies = new HashMap<>();

    RemoteReader(RemoteEndpoints endpoints, QueryLibrary queries, long timeoutMillis) {
        this.endpoints = endpoints;
        this.queries = queries;
        this.timeoutMillis = timeoutMillis;
    }

    /** The query timeout goes to the store too (so that it stops the query itself) and bounds the wait for its answer. */
    @Override
    protected QueryExecBuilder exec() {
        QueryExecHTTPBuilder b = QueryExecHTTP.service(endpoints.query()).httpHeaders(endpoints.headers())
                .timeout(timeoutMillis, TimeUnit.MILLISECONDS);
        if (endpoints.timeoutParam() != null) b.param(endpoints.timeoutParam(), seconds(timeoutMillis));
        return b;
    }

    /** Whole seconds, rounded up, at least 1 (Fuseki 5.6 reads the parameter as a whole number; "1.5" would be ignored). */
    static String seconds(long millis) {
        return Long.toString(Math.max(1, (millis + 999) / 1000));
    }

    @Override
    public Graph graph(Node graphName) {
        return construct(queries.get("internal/graph-content"), Map.of("graph", graphName));
    }

    @Override
    public boolean containsGraph(Node graphName) {
        return ask(queries.get("internal/graph-exists"), Map.of("graph", graphName));
    }

    /**
     * A remote store answers one query per request, so the content is copied once per read (and per set of excluded
     * graphs) and looked up in memory: a remote store's validation still costs a copy of its content.
     */
    @Override
    public void findContent(Node s, Node p, Node o, Set<Node> excluding, Consumer<Triple> sink) {
        Graph copy = copies.computeIfAbsent(Set.copyOf(excluding), this::contentCopy);
        copy.find(s, p, o).forEachRemaining(sink);
    }

    @Override
    public boolean hasContent(Set<Node> excluding) {
        return !copies.computeIfAbsent(Set.copyOf(excluding), this::contentCopy).isEmpty();
    }

    private Graph contentCopy(Set<Node> excluding) {
        Graph copy = GraphFactory.createDefaultGraph();
        var rows = select(queries.get("internal/all-quads"), Map.of());
        while (rows.hasNext()) {
            Binding b = rows.next();
            if (!excluding.contains(b.get("g")) && !GKB.ontologyGraph.equals(b.get("g"))) copy.add(b.get("s"), b.get("p"), b.get("o"));
        }
        return copy;
    }

    @Override
    public StoreStats stats() {
        var rows = select(queries.get("internal/store-stats"), Map.of());
        boolean defaultGraph = ask(queries.get("internal/default-graph-has-content"), Map.of());
        if (!rows.hasNext()) return new StoreStats(0, 0, defaultGraph);
        Binding b = rows.next();
        return new StoreStats(num(b.get("triples")), num(b.get("graphs")), defaultGraph);
    }

    private static long num(Node n) {
        return n == null ? 0 : Long.parseLong(n.getLiteralLexicalForm());
    }
}
