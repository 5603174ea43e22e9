package org.guidelinekb.api;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.resultset.ResultsWriter;
import org.guidelinekb.error.InvalidInputException;
import org.guidelinekb.queries.DeadlineExecutor;
import org.guidelinekb.sparqlendpoint.FederatedQueries;
import org.guidelinekb.sparqlendpoint.RegexLimits;
import org.guidelinekb.sparqlendpoint.ResultCap;
import org.guidelinekb.store.KnowledgeStore;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * The public SPARQL endpoint when the store is remote: {@code /kb/sparql} and {@code /kb/query} forward queries to
 * the store through the store interface, with the embedded endpoint's limits: the same {@link ResultCap}, and the
 * query timeout enforced three times (sent to the store so that it stops the query itself, the client's wait, and
 * the {@link DeadlineExecutor} that answers at the deadline whatever the store does). {@code /kb/get} reads a graph.
 * Read-only, like the embedded endpoint: an update is refused with 400.
 */
public final class RemoteSparqlController {
    private static final List<String> RESULT_TYPES = org.guidelinekb.sparqlendpoint.ResponseTypes.RESULTS;
    private static final List<String> RDF_TYPES = org.guidelinekb.sparqlendpoint.ResponseTypes.RDF;
    private final KnowledgeStore store;
    private final String dataset;
    private final DeadlineExecutor executor;
    private final Duration timeout;
    private final ResultCap cap;

    public RemoteSparqlController(KnowledgeStore store, String dataset, DeadlineExecutor executor, Duration timeout, ResultCap cap) {
        this.store = store;
        this.dataset = dataset;
        this.executor = executor;
        this.timeout = timeout;
        this.cap = cap;
    }

    public void routes(RoutesConfig r) {
        for (String ep : List.of("/sparql", "/query", "")) {
            r.get(dataset + ep, this::query);
            r.post(dataset + ep, this::query);
        }
        r.get(dataset + "/get", this::graph);
    }

    private void query(Context ctx) {
        if (ctx.formParam("update") != null || ctx.contentType() != null && ctx.contentType().startsWith("application/sparql-update")) {
            throw new InvalidInputException("this endpoint is read-only: SPARQL Update is not served");
        }
        String text = ctx.queryParam("query");
        if (text == null && "GET".equals(ctx.method().name()) && ctx.queryParam("graph") != null) {
            graph(ctx); // the dataset URL dispatches like Fuseki's: a GET naming a graph is a Graph Store Protocol read
            return;
        }
        if (text == null && "POST".equals(ctx.method().name())) {
            String ct = ctx.contentType() == null ? "" : ctx.contentType();
            text = ct.startsWith("application/sparql-query") ? ctx.body() : ctx.formParam("query");
        }
        if (text == null || text.isBlank()) throw new InvalidInputException("SPARQL Query: no 'query=' parameter");
        Query query;
        try {
            query = QueryFactory.create(text);
        } catch (QueryParseException e) {
            throw new InvalidInputException("SPARQL parse error: " + e.getMessage());
        }
        FederatedQueries.refusal(query).ifPresent(why -> { throw new InvalidInputException(why); });
        RegexLimits.refusal(query, true).ifPresent(why -> { throw new InvalidInputException(why); }); // the store's regex cannot be stopped
        String accept = ctx.header("Accept");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String type;
        AtomicReference<Runnable> abort = new AtomicReference<>();
        if (query.isSelectType() || query.isAskType()) {
            type = negotiate(accept, RESULT_TYPES);
            Lang lang = resultLang(type);
            if (query.isAskType()) {
                boolean b = executor.run("the SPARQL query", timeout, abort, () -> store.read(rd -> rd.ask(query, Map.of())));
                ResultsWriter.create().lang(lang).build().write(out, b);
            } else {
                if (cap.apply(query)) cap.headers().forEach(ctx::header);
                var rows = executor.run("the SPARQL query", timeout, abort, () -> store.read(rd -> rd.select(query, Map.of(), timeout, abort::set)));
                ResultsWriter.create().lang(lang).build().write(out, rows);
            }
        } else {
            type = negotiate(accept, RDF_TYPES);
            if (cap.apply(query)) cap.headers().forEach(ctx::header);
            Graph g = executor.run("the SPARQL query", timeout, abort, () -> store.read(rd -> rd.construct(query, Map.of())));
            RDFDataMgr.write(out, g, rdfLang(type));
        }
        ctx.contentType(type.equals("application/json") ? "application/sparql-results+json" : type).result(out.toByteArray());
    }

    private void graph(Context ctx) {
        String name = ctx.queryParam("graph");
        if (name == null || name.isBlank()) throw new InvalidInputException("give ?graph=IRI");
        Graph g = store.read(rd -> rd.graph(NodeFactory.createURI(name)));
        if (g.isEmpty()) throw new org.guidelinekb.error.NotFoundException("no graph <" + name + ">");
        String type = negotiate(ctx.header("Accept"), RDF_TYPES);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, g, rdfLang(type));
        ctx.contentType(type).result(out.toByteArray());
    }

    /** The offered type the Accept header prefers; none acceptable → 406 naming the offered types. */
    static String negotiate(String accept, List<String> offered) {
        return AcceptNegotiation.choose(accept, offered);
    }

    private static Lang resultLang(String type) {
        return switch (type) {
            case "application/sparql-results+xml" -> ResultSetLang.RS_XML;
            case "text/csv" -> ResultSetLang.RS_CSV;
            case "text/tab-separated-values" -> ResultSetLang.RS_TSV;
            default -> ResultSetLang.RS_JSON;
        };
    }

    private static Lang rdfLang(String type) {
        return switch (type) {
            case "application/ld+json" -> Lang.JSONLD;
            case "application/n-triples" -> Lang.NTRIPLES;
            case "application/rdf+xml" -> Lang.RDFXML;
            default -> Lang.TURTLE;
        };
    }
}
