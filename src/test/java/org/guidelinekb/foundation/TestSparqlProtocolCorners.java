package org.guidelinekb.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpResponse;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.guidelinekb.AppConfig;
import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.ServerUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The corners of the SPARQL 1.1 protocol (issue 18, docs/sparql-protocol.md), the same over embedded TDB2 and a
 * remote store (build execution hardening-remote-store): the service description, the Graph Store default graph,
 * 406 for an Accept that cannot be served, SPARQLWrapper's format names, /kb/get without a graph, /kb/data closed,
 * and the result cap's Warning header.
 */
class TestSparqlProtocolCorners {
    static final String SD = "http://www.w3.org/ns/sparql-service-description#";
    static ServerUnderTest server;
    static Http http;

    @BeforeAll static void start() {
        server = ServerUnderTest.start(AppConfig.forTests());
        http = server.http();
    }

    @AfterAll static void stop() {
        if (server != null) server.close();
    }

    static Model parse(HttpResponse<String> r, Lang lang) {
        assertEquals(200, r.statusCode(), r.uri() + ": " + r.body());
        Model m = ModelFactory.createDefaultModel();
        RDFParser.create().source(new StringReader(r.body())).lang(lang).parse(m);
        return m;
    }

    static void assertProblem(int status, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.uri() + ": " + r.body());
        assertTrue(Http.contentType(r).startsWith("application/problem+json"), Http.contentType(r));
    }

    @Test void the_endpoint_without_a_query_describes_itself_in_turtle_and_json_ld() {
        for (String endpoint : new String[] {"/kb/sparql", "/kb/query", "/kb"}) {
            HttpResponse<String> ttl = http.get(endpoint, "Accept", "text/turtle");
            assertTrue(Http.contentType(ttl).startsWith("text/turtle"), Http.contentType(ttl));
            Model m = parse(ttl, Lang.TURTLE);
            assertTrue(m.contains(m.createResource(server.app().publicBaseUrl() + "/kb/sparql"), org.apache.jena.vocabulary.RDF.type,
                    m.createResource(SD + "Service")), ttl.body());
            assertTrue(m.contains(null, m.createProperty(SD, "feature"), m.createResource(SD + "UnionDefaultGraph")), ttl.body());
            assertTrue(ttl.body().contains("10000"), "the result cap is stated: " + ttl.body());
            Model ld = parse(http.get(endpoint, "Accept", "application/ld+json"), Lang.JSONLD);
            assertTrue(ld.isIsomorphicWith(m), "the same description as JSON-LD");
        }
        assertProblem(406, http.get("/kb/sparql", "Accept", "image/png"));
    }

    @Test void the_graph_store_default_graph_is_the_union_of_the_named_graphs() {
        HttpResponse<String> count = http.get("/kb/sparql?query=" + Http.enc("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"),
                "Accept", "application/sparql-results+json");
        assertEquals(200, count.statusCode(), count.body());
        long n = Http.json(count).at("/results/bindings/0/n/value").asLong();
        assertTrue(n > 1000, "the bundled content: " + n);
        for (String path : new String[] {"/kb/get?default", "/kb?default"}) {
            Model m = parse(http.get(path, "Accept", "application/n-triples"), Lang.NTRIPLES);
            assertEquals(n, m.size(), path);
        }
    }

    @Test void an_accept_that_cannot_be_served_is_a_406_naming_what_can() {
        HttpResponse<String> select = http.get("/kb/sparql?query=" + Http.enc("SELECT * { ?s ?p ?o } LIMIT 1"), "Accept", "image/png");
        assertProblem(406, select);
        assertTrue(Http.json(select).path("detail").asText().contains("application/sparql-results+json"), select.body());
        HttpResponse<String> construct = http.get("/kb/sparql?query=" + Http.enc("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"),
                "Accept", "application/sparql-results+json");
        assertProblem(406, construct);
        HttpResponse<String> gsp = http.get("/kb/get?graph=" + Http.enc("https://w3id.org/gkb/graph/catalog"), "Accept", "application/trig");
        assertProblem(406, gsp);
        assertTrue(Http.json(gsp).path("detail").asText().contains("text/turtle"), gsp.body());
    }

    @ParameterizedTest(name = "format={0}")
    @CsvSource({"json, SELECT, application/sparql-results+json", "xml, SELECT, application/sparql-results+xml",
            "csv, SELECT, text/csv", "tsv, SELECT, text/tab-separated-values", "rdf+xml, CONSTRUCT, application/rdf+xml",
            "n3, CONSTRUCT, text/turtle", "turtle, CONSTRUCT, text/turtle", "json-ld, CONSTRUCT, application/ld+json",
            "xml, CONSTRUCT, application/rdf+xml", "json, CONSTRUCT, application/ld+json"})
    void sparqlwrapper_format_names_choose_the_answer_type(String format, String form, String type) {
        String q = form.equals("SELECT") ? "SELECT * { ?s ?p ?o } LIMIT 1" : "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1";
        for (String param : new String[] {"format", "output"}) {
            HttpResponse<String> r = http.get("/kb/sparql?query=" + Http.enc(q) + "&" + param + "=" + Http.enc(format));
            assertEquals(200, r.statusCode(), param + "=" + format + ": " + r.body());
            assertTrue(Http.contentType(r).startsWith(type), param + "=" + format + ": " + Http.contentType(r));
        }
    }

    @Test void undocumented_graph_store_forms_are_refused_or_closed() {
        assertProblem(400, http.get("/kb/get"));
        assertProblem(404, http.get("/kb/data"));
        assertProblem(404, http.get("/kb/data?graph=" + Http.enc("https://w3id.org/gkb/graph/catalog")));
        HttpResponse<String> named = http.get("/kb/get?graph=" + Http.enc("https://w3id.org/gkb/graph/catalog"), "Accept", "text/turtle");
        assertFalse(parse(named, Lang.TURTLE).isEmpty(), "a named graph is still read");
    }

    @Test void a_capped_answer_carries_a_warning() {
        HttpResponse<String> r = http.get("/kb/sparql?query=" + Http.enc("SELECT * { ?s ?p ?o }"), "Accept", "application/sparql-results+json");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("10000", r.headers().firstValue("GKB-Result-Cap").orElse(""));
        assertTrue(r.headers().firstValue("Warning").orElse("").startsWith("199 gkb "), r.headers().map().toString());
    }
}
