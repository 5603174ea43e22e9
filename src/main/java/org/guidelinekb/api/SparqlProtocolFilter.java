package org.guidelinekb.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.jena.graph.Graph;
import org.apache.jena.query.Query;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.sparqlendpoint.ResponseTypes;
import org.guidelinekb.sparqlendpoint.ResultCap;
import org.guidelinekb.store.KnowledgeStore;

import io.javalin.http.HttpResponseException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The corners of the SPARQL 1.1 protocol the public endpoint answers itself, in front of either store mode
 * (docs/sparql-protocol.md): a GET of the endpoint without a query → the Service Description (Turtle or JSON-LD);
 * {@code ?default} on {@code /kb/get} or {@code /kb} → the default graph, which is the union of the named graphs
 * (capped like a CONSTRUCT); {@code /kb/get} without {@code graph} or {@code default} → 400; {@code /kb/data} → 404
 * (not served); a Graph Store read whose {@code Accept} names no RDF type served → 406; a {@code format=},
 * {@code output=} or {@code results=} short name (SPARQLWrapper's {@code rdf+xml}, {@code n3}, …) → the Accept
 * header it stands for.
 */
public final class SparqlProtocolFilter implements Filter {
    static final String SD = "http://www.w3.org/ns/sparql-service-description#";
    static final String FORMATS = "http://www.w3.org/ns/formats/";
    private static final List<String> SD_TYPES = List.of("text/turtle", "application/ld+json");
    private final String dataset;
    private final KnowledgeStore store;
    private final QueryLibrary queries;
    private final ResultCap cap;
    private final Supplier<String> publicUrl;

    /** {@code dataset}: the path this filter guards ({@code /kb}, or the query UI's copy). */
    public SparqlProtocolFilter(String dataset, KnowledgeStore store, QueryLibrary queries, ResultCap cap, Supplier<String> publicUrl) {
        this.dataset = dataset;
        this.store = store;
        this.queries = queries;
        this.cap = cap;
        this.publicUrl = publicUrl;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)
                || !request.getRequestURI().startsWith(dataset)) {
            chain.doFilter(req, res);
            return;
        }
        String rel = request.getRequestURI().substring(dataset.length());
        Map<String, List<String>> params = new LinkedHashMap<>();
        try {
            BufferedBodyRequest.decode(request.getQueryString(), params);
            request = withFormat(request, params);
            if (answer(rel, request, response, params)) return;
        } catch (HttpResponseException e) {
            new Problem(ApiErrors.typeFor(e.getStatus()), e.getStatus(), e.getMessage())
                    .write(response, request.getRequestURI());
            return;
        } catch (IllegalArgumentException e) {
            new Problem(org.guidelinekb.error.ProblemType.INVALID_INPUT, 400, "the query string is not URL-encoded").write(response, request.getRequestURI());
            return;
        }
        chain.doFilter(request, response);
    }

    /** True when answered here. */
    private boolean answer(String rel, HttpServletRequest request, HttpServletResponse response, Map<String, List<String>> params)
            throws IOException {
        if (rel.equals("/data") || rel.startsWith("/data/")) {
            throw new HttpResponseException(404, "not served: the Graph Store Protocol is read-only here, at " + dataset
                    + "/get?graph=IRI and " + dataset + "/get?default");
        }
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) return false;
        boolean endpoint = rel.isEmpty() || rel.equals("/") || rel.equals("/sparql") || rel.equals("/query");
        boolean graphStore = rel.isEmpty() || rel.equals("/") || rel.equals("/get");
        boolean hasQuery = params.containsKey("query");
        boolean hasGraph = params.containsKey("graph");
        boolean hasDefault = params.containsKey("default");
        String accept = request.getHeader("Accept");
        if (graphStore && hasDefault && !hasQuery) {
            if (hasGraph) throw new HttpResponseException(400, "give either ?graph=IRI or ?default, not both");
            unionGraph(AcceptNegotiation.choose(accept, ResponseTypes.RDF), response);
            return true;
        }
        if (graphStore && hasGraph && !hasQuery) {
            AcceptNegotiation.choose(accept, ResponseTypes.RDF); // 406 naming the types when none is acceptable
            return false;
        }
        if (rel.equals("/get")) {
            throw new HttpResponseException(400, "give ?graph=IRI (a named graph) or ?default (the union of the named graphs)");
        }
        if (endpoint && !hasQuery) {
            serviceDescription(AcceptNegotiation.choose(accept, SD_TYPES), response);
            return true;
        }
        return false;
    }

    private void unionGraph(String type, HttpServletResponse response) throws IOException {
        Query q = queries.get("internal/union-graph").cloneQuery();
        if (cap.apply(q)) cap.headers().forEach(response::setHeader);
        Graph g = store.read(rd -> rd.construct(q, Map.of()));
        write(response, type, ModelFactory.createModelForGraph(g));
    }

    /** The SPARQL 1.1 Service Description of the endpoint, stating the result cap. */
    private void serviceDescription(String type, HttpServletResponse response) throws IOException {
        String base = publicUrl.get();
        Model m = ModelFactory.createDefaultModel();
        m.setNsPrefix("sd", SD);
        m.setNsPrefix("formats", FORMATS);
        m.setNsPrefix("rdfs", RDFS.getURI());
        Resource service = m.createResource(base + dataset + "/sparql")
                .addProperty(RDF.type, m.createResource(SD + "Service"))
                .addProperty(m.createProperty(SD, "endpoint"), m.createResource(base + dataset + "/sparql"))
                .addProperty(m.createProperty(SD, "supportedLanguage"), m.createResource(SD + "SPARQL11Query"))
                .addProperty(m.createProperty(SD, "feature"), m.createResource(SD + "UnionDefaultGraph"))
                .addProperty(RDFS.label, "guideline-kb public SPARQL endpoint (read-only)")
                .addProperty(RDFS.comment, "Read-only SPARQL 1.1 Query. Result cap: a SELECT, CONSTRUCT or DESCRIBE without "
                        + "a LIMIT, or with a larger one, gives at most " + cap.maxRows() + " solutions; a capped answer has the "
                        + "headers " + ResultCap.HEADER + " and Warning. SERVICE is refused. The default graph is the union of "
                        + "the named graphs.");
        service.addLiteral(m.createProperty("https://w3id.org/gkb/ontology#", "resultCap"), cap.maxRows());
        for (String f : List.of("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                "Turtle", "JSON-LD", "N-Triples", "RDF_XML")) {
            service.addProperty(m.createProperty(SD, "resultFormat"), m.createResource(FORMATS + f));
        }
        Resource graph = m.createResource().addProperty(RDF.type, m.createResource(SD + "Graph"));
        service.addProperty(m.createProperty(SD, "defaultDataset"), m.createResource()
                .addProperty(RDF.type, m.createResource(SD + "Dataset"))
                .addProperty(m.createProperty(SD, "defaultGraph"), graph));
        write(response, type, m);
    }

    private static void write(HttpServletResponse response, String type, Model m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, m, switch (type) {
            case "application/ld+json" -> Lang.JSONLD;
            case "application/n-triples" -> Lang.NTRIPLES;
            case "application/rdf+xml" -> Lang.RDFXML;
            default -> Lang.TURTLE;
        });
        response.setStatus(200);
        response.setContentType(type + (type.startsWith("text/") ? "; charset=utf-8" : ""));
        response.setContentLength(out.size());
        response.getOutputStream().write(out.toByteArray());
    }

    /**
     * The request with a format parameter's short name turned into the Accept header it stands for, and the
     * parameter hidden (Fuseki does not know SPARQLWrapper's names); unchanged when it names no format.
     */
    private static HttpServletRequest withFormat(HttpServletRequest request, Map<String, List<String>> params) {
        String value = ResponseTypes.FORMAT_PARAMS.stream().filter(params::containsKey).map(p -> params.get(p).get(0))
                .findFirst().orElse(null);
        if (value == null) return request;
        String accept = ResponseTypes.acceptFor(value);
        if (accept == null) {
            throw new HttpResponseException(400, "unknown format '" + value + "'; give a media type or one of json, xml, "
                    + "rdf+xml, turtle, n3, nt, json-ld, csv, tsv");
        }
        String query = String.join("&", java.util.Arrays.stream(request.getQueryString().split("&"))
                .filter(p -> !ResponseTypes.FORMAT_PARAMS.contains(p.split("=", 2)[0])).toList());
        ResponseTypes.FORMAT_PARAMS.forEach(params::remove);
        return new HttpServletRequestWrapper(request) {
            @Override public String getHeader(String name) {
                return "Accept".equalsIgnoreCase(name) ? accept : super.getHeader(name);
            }

            @Override public Enumeration<String> getHeaders(String name) {
                return "Accept".equalsIgnoreCase(name) ? Collections.enumeration(List.of(accept)) : super.getHeaders(name);
            }

            @Override public String getQueryString() {
                return query.isEmpty() ? null : query;
            }

            @Override public String getParameter(String name) {
                return ResponseTypes.FORMAT_PARAMS.contains(name) ? null : super.getParameter(name);
            }

            @Override public Map<String, String[]> getParameterMap() {
                Map<String, String[]> m = new LinkedHashMap<>(super.getParameterMap());
                ResponseTypes.FORMAT_PARAMS.forEach(m::remove);
                return m;
            }

            @Override public Enumeration<String> getParameterNames() {
                return Collections.enumeration(getParameterMap().keySet());
            }

            @Override public String[] getParameterValues(String name) {
                return ResponseTypes.FORMAT_PARAMS.contains(name) ? null : super.getParameterValues(name);
            }
        };
    }

    @Override public void destroy() { }
}
