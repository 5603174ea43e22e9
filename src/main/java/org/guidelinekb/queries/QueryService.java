package org.guidelinekb.queries;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.guidelinekb.catalog.CatalogReader;
import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.store.KnowledgeStore;

/**
 * Runs the named queries of the API: checks and types the parameters, binds them as RDF terms into the query's
 * VALUES blocks on its syntax tree, resolves the version scope inside the same read transaction as the query, pages
 * with LIMIT limit+1 / OFFSET on the query object, and enforces the time limit with the engine's timeout plus a
 * {@link DeadlineExecutor}.
 *
 * <pre>
 * QueryService service = new QueryService(store, ApiQueries.of(library), catalogReader, Duration.ofSeconds(10));
 * QueryPage page = service.run("list-statements", Map.of("category", List.of("2A"), "version", List.of("2015")));
 * </pre>
 */
public final class QueryService implements AutoCloseable {
    private final KnowledgeStore store;
    private final ApiQueries queries;
    private final CatalogReader catalog;
    private final Duration timeout;
    private final DeadlineExecutor executor;

    public QueryService(KnowledgeStore store, ApiQueries queries, CatalogReader catalog, Duration timeout) {
        this.store = store;
        this.queries = queries;
        this.catalog = catalog;
        this.timeout = timeout;
        this.executor = new DeadlineExecutor(16);
    }

    public ApiQueries queries() {
        return queries;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Runs a named query with the request's parameters (name → values, in request order). */
    public QueryPage run(String name, Map<String, List<String>> params) {
        return run(QueryArguments.parse(queries.require(name), params));
    }

    public QueryPage run(QueryArguments args) {
        AtomicReference<Runnable> abort = new AtomicReference<>();
        return executor.run("query '" + args.query().name() + "'", timeout, abort, () -> store.read(r -> {
            List<VersionInfo> versions = args.query().versionScoped() ? args.scope().resolve(catalog.read(r)) : List.of();
            Query q = bind(args, versions);
            var rs = r.select(q, Map.of(), timeout, abort::set);
            List<Binding> rows = new ArrayList<>();
            // copy each row while the transaction is open: a store's bindings may resolve their terms lazily
            while (rs.hasNext() && rows.size() <= args.page().limit()) rows.add(BindingFactory.copy(rs.next()));
            boolean more = rows.size() > args.page().limit();
            if (more) rows.remove(rows.size() - 1);
            List<Var> vars = rs.getResultVars();
            return new QueryPage(vars, List.copyOf(rows), args.page().limit(), args.page().offset(), more, versions);
        }));
    }

    /** The query as it runs: parameters and versions in their VALUES blocks, one row more than the page. */
    static Query bind(QueryArguments args, List<VersionInfo> versions) {
        Map<String, List<Node>> values = new LinkedHashMap<>(args.values());
        if (args.query().versionScoped()) {
            values.put(ApiQueries.VERSION_VAR, versions.stream().map(v -> NodeFactory.createURI(v.iri())).toList());
        }
        Query q = ValuesSlots.replace(args.query().source().query(), values);
        q.setLimit(args.page().limit() + 1L);
        q.setOffset(args.page().offset());
        return q;
    }

    @Override
    public void close() {
        executor.close();
    }
}
