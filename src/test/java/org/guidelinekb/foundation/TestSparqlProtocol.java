package org.guidelinekb.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.Map;

import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdfconnection.RDFConnection;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.guidelinekb.testing.Http;
import org.guidelinekb.AppConfig;
import org.guidelinekb.testing.RunningServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SPARQL 1.1 protocol on the shared port: every result format, GET and POST, Jena as a remote client. */
class TestSparqlProtocol {
    @RegisterExtension
    static final RunningServer server = RunningServer.with(AppConfig::forTests);

    static final String JSON = "application/sparql-results+json";
    static final String SELECT = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g";
    static final String CONSTRUCT = "CONSTRUCT { ?v ?p ?o } WHERE { GRAPH <https://w3id.org/gkb/graph/catalog> { ?v ?p ?o } }";

    @Test void ask_answers_true_as_json() {
        // as curl asks by default
        HttpResponse<String> r = server.http().get("/kb/sparql?query=" + Http.enc("ASK{}"), "Accept", "*/*");
        assertEquals(200, r.statusCode());
        assertTrue(Http.json(r).get("boolean").asBoolean());
    }

    @ParameterizedTest(name = "SELECT as {0}")
    @CsvSource({
            "application/sparql-results+json, \"bindings\"",
            "application/sparql-results+xml, <sparql",
            "text/csv, 'g,n'",
            "text/tab-separated-values, ?g\t?n"})
    void select_in_each_result_format(String accept, String marker) {
        for (String endpoint : new String[] {"/kb/sparql", "/kb/query"}) {
            HttpResponse<String> r = server.http().get(endpoint + "?query=" + Http.enc(SELECT), "Accept", accept);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(Http.contentType(r).startsWith(accept), Http.contentType(r));
            assertTrue(r.body().contains(marker), r.body());
            assertTrue(r.body().contains("https://w3id.org/gkb/graph/catalog"), "the catalog graph is listed");
        }
    }

    @ParameterizedTest(name = "CONSTRUCT as {0}")
    @CsvSource({"text/turtle, TURTLE", "application/ld+json, JSONLD", "application/n-triples, NTRIPLES", "application/rdf+xml, RDFXML"})
    void construct_in_each_rdf_format(String accept, String lang) {
        HttpResponse<String> r = server.http().get("/kb/sparql?query=" + Http.enc(CONSTRUCT), "Accept", accept);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(Http.contentType(r).startsWith(accept), Http.contentType(r));
        Model m = ModelFactory.createDefaultModel();
        RDFParser.create().source(new StringReader(r.body())).lang(langOf(lang)).parse(m);
        assertFalse(m.isEmpty(), "the catalog is not empty");
    }

    private static Lang langOf(String name) {
        return switch (name) {
            case "TURTLE" -> Lang.TURTLE;
            case "JSONLD" -> Lang.JSONLD;
            case "NTRIPLES" -> Lang.NTRIPLES;
            default -> Lang.RDFXML;
        };
    }

    @Test void post_form_and_post_query_body() {
        HttpResponse<String> form = server.http().postForm("/kb/sparql", Map.of("query", "ASK { GRAPH ?g { ?s ?p ?o } }"), "Accept", JSON);
        assertEquals(200, form.statusCode(), form.body());
        assertTrue(Http.json(form).get("boolean").asBoolean());
        HttpResponse<String> direct = server.http().post("/kb/query", "application/sparql-query", "ASK { GRAPH ?g { ?s ?p ?o } }", "Accept", JSON);
        assertEquals(200, direct.statusCode(), direct.body());
        assertTrue(Http.json(direct).get("boolean").asBoolean());
    }

    @Test void graph_store_protocol_read() {
        HttpResponse<String> r = server.http().get("/kb/get?graph=" + Http.enc("https://w3id.org/gkb/graph/catalog"), "Accept", "text/turtle");
        assertEquals(200, r.statusCode(), r.body());
        Model m = ModelFactory.createDefaultModel();
        RDFParser.create().source(new StringReader(r.body())).lang(Lang.TURTLE).parse(m);
        assertFalse(m.isEmpty());
    }

    @Test void bad_query_is_400() {
        HttpResponse<String> r = server.http().get("/kb/sparql?query=" + Http.enc("SELECT WHERE {"));
        assertEquals(400, r.statusCode());
    }

    @Test void jena_rdfconnection_as_remote_client() {
        try (RDFConnection conn = RDFConnection.connect(server.url("/kb"))) {
            assertTrue(conn.queryAsk("ASK {}"));
            long[] graphs = {0};
            conn.querySelect(SELECT, row -> graphs[0]++);
            assertTrue(graphs[0] >= 3, "ontology, catalog and content graphs: " + graphs[0]);
            Model catalog = conn.fetch("https://w3id.org/gkb/graph/catalog");
            assertFalse(catalog.isEmpty());
        }
        try (QueryExecution qe = QueryExecution.service(server.url("/kb/sparql")).query("ASK { ?s ?p ?o }").build()) {
            assertTrue(qe.execAsk(), "the default graph is the union of the named graphs");
        }
    }
}
