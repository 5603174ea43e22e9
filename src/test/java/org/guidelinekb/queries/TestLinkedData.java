package org.guidelinekb.queries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDFS;
import org.guidelinekb.AppConfig;
import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.TestServer;
import org.guidelinekb.vocab.GKB;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every IRI resolves: its triples, its graph, the provenance of its version, in every format; unknown → 404. */
class TestLinkedData {
    private static final String STATEMENT = "https://w3id.org/gkb/id/guideline/nccn-breast/version/2015/statement/systemic-therapy-primary";
    private static final String VERSION = "https://w3id.org/gkb/id/guideline/nccn-breast/version/2015";
    private static TestServer server;
    private static Http http;

    @BeforeAll static void start() {
        server = QueryFixtureLib.server(AppConfig.forTests());
        http = server.http();
    }

    @AfterAll static void stop() {
        server.close();
    }

    private static Graph turtle(HttpResponse<String> r) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8))).lang(Lang.TURTLE).parse(g);
        return g;
    }

    @Test void a_statement_resolves_at_its_own_path_as_turtle_with_its_graph_and_provenance() {
        HttpResponse<String> r = http.get("/id/guideline/nccn-breast/version/2015/statement/systemic-therapy-primary", "Accept", "text/turtle");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(Http.contentType(r).startsWith("text/turtle"));
        Graph g = turtle(r);
        Node s = NodeFactory.createURI(STATEMENT);
        assertTrue(g.contains(s, GKB.term("summary"), NodeFactory.createLiteralString("Systemic therapy is the primary treatment.")));
        assertTrue(g.contains(s, RDFS.isDefinedBy.asNode(), NodeFactory.createURI(VERSION)), "names the graph it lives in");
        // the catalog entry of its version and the activity that loaded that graph
        assertTrue(g.contains(NodeFactory.createURI(VERSION), GKB.lifecycleStatus, GKB.statusRetired));
        assertTrue(g.contains(NodeFactory.createURI("https://w3id.org/gkb/id/activity/load-1"),
                NodeFactory.createURI("http://www.w3.org/ns/prov#generated"), NodeFactory.createURI(VERSION)));
        assertTrue(g.contains(NodeFactory.createURI("https://w3id.org/gkb/id/activity/load-1/input/1"), GKB.sha256, Node.ANY));
        assertTrue(r.headers().firstValue("Vary").orElse("").contains("Accept"));
    }

    @Test void the_same_description_by_api_resource_in_every_format() {
        String q = "/api/resource?iri=" + Http.enc(STATEMENT);
        Graph ttl = turtle(http.get(q));
        assertTrue(ttl.size() > 10);
        for (String[] f : new String[][] {{"application/ld+json", "JSONLD"}, {"application/n-triples", "NTRIPLES"}}) {
            HttpResponse<String> r = http.get(q, "Accept", f[0]);
            assertEquals(200, r.statusCode());
            assertEquals(f[0], Http.contentType(r));
            Graph g = GraphFactory.createDefaultGraph();
            RDFParser.source(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)))
                     .lang(f[1].equals("JSONLD") ? Lang.JSONLD : Lang.NTRIPLES).parse(g);
            assertTrue(g.isIsomorphicWith(ttl), f[0] + " says the same as Turtle");
        }
        HttpResponse<String> trig = http.get(q, "Accept", "application/trig");
        DatasetGraph ds = DatasetGraphFactory.createGeneral();
        RDFParser.source(new ByteArrayInputStream(trig.body().getBytes(StandardCharsets.UTF_8))).lang(Lang.TRIG).parse(ds);
        assertTrue(ds.contains(NodeFactory.createURI(VERSION), NodeFactory.createURI(STATEMENT), GKB.term("inVersion"), Node.ANY),
                "TriG keeps the graph");
        assertTrue(ds.contains(GKB.provenanceGraph, Node.ANY, Node.ANY, NodeFactory.createURI(VERSION)));
        assertEquals("application/n-quads", Http.contentType(http.get(q + "&format=nq")));
        assertEquals(400, http.get(q + "&format=pdf").statusCode());
    }

    @Test void a_browser_gets_a_readable_page() {
        HttpResponse<String> r = http.get("/id/guideline/nccn-breast/version/2015/statement/systemic-therapy-primary",
                "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        assertEquals(200, r.statusCode());
        assertTrue(Http.contentType(r).startsWith("text/html"));
        String html = r.body();
        assertTrue(html.contains("<h1>"), html);
        assertTrue(html.contains("Systemic therapy is the primary treatment."));
        assertTrue(html.contains("href=\"/id/guideline/nccn-breast/version/2015\""), "links to its version on this server");
        assertTrue(html.contains("Provenance") && html.contains("kb/guidelines/nccn-breast/2015.ttl"), "shows the load provenance");
        assertTrue(html.contains("Category 2A"), "names linked concepts by their labels");
    }

    @Test void unknown_or_bad_iris() {
        HttpResponse<String> unknown = http.get("/id/guideline/nccn-breast/version/1999");
        assertEquals(404, unknown.statusCode());
        assertTrue(Http.contentType(unknown).startsWith("application/problem+json"));
        assertEquals(404, http.get("/api/resource?iri=" + Http.enc("https://example.org/nothing")).statusCode());
        assertEquals(400, http.get("/api/resource?iri=" + Http.enc("not an iri")).statusCode());
        assertEquals(400, http.get("/api/resource").statusCode());
        assertEquals(406, http.get("/id/guideline/nccn-breast/version/2015", "Accept", "image/png").statusCode());
    }

    @Test void codes_resolve_too() {
        HttpResponse<String> r = http.get("/code/action/primary-tumor-surgery");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(turtle(r).contains(NodeFactory.createURI("https://w3id.org/gkb/code/action/primary-tumor-surgery"),
                NodeFactory.createURI("http://www.w3.org/2004/02/skos/core#notation"), NodeFactory.createLiteralString("primary-tumor-surgery")));
    }
}
