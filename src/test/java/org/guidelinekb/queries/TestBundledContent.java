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
import org.apache.jena.sparql.graph.GraphFactory;
import org.guidelinekb.AppConfig;
import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.RunningServer;
import org.guidelinekb.vocab.GKB;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/** On the shipped content (kb/): every named query runs, and a statement IRI from /api/evaluate resolves. */
class TestBundledContent {
    @RegisterExtension
    static final RunningServer server = RunningServer.with(AppConfig::forTests);

    @Test void every_named_query_runs_on_the_shipped_content_with_its_example_values() {
        for (JsonNode q : Http.json(server.http().get("/api/queries"))) {
            StringBuilder qs = new StringBuilder();
            for (JsonNode p : q.get("parameters")) {
                if (!p.get("required").asBoolean()) continue;
                for (JsonNode v : p.get("example").isArray() ? p.get("example") : java.util.List.of(p.get("example"))) {
                    qs.append(qs.length() == 0 ? "?" : "&").append(p.get("name").asText()).append('=').append(Http.enc(v.asText()));
                }
            }
            HttpResponse<String> r = server.http().get("/api/queries/" + q.get("name").asText() + qs);
            assertEquals(200, r.statusCode(), q.get("name") + ": " + r.body());
        }
    }

    @Test void a_statement_iri_from_evaluate_resolves_as_turtle_and_html() {
        HttpResponse<String> ev = server.http().post("/api/evaluate", "application/json",
                "{\"guideline\": \"nccn-breast\", \"version\": \"2015\", \"case\": {\"metastatic\": true, \"primaryTumorIntact\": true}}");
        assertEquals(200, ev.statusCode(), ev.body());
        String iri = Http.json(ev).at("/recommendations/0/id").asText();
        assertTrue(iri.startsWith("https://w3id.org/gkb/id/guideline/nccn-breast/version/2015/statement/"), iri);
        String path = iri.substring("https://w3id.org/gkb".length());

        HttpResponse<String> ttl = server.http().get(path, "Accept", "text/turtle");
        assertEquals(200, ttl.statusCode(), ttl.body());
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(ttl.body().getBytes(StandardCharsets.UTF_8))).lang(Lang.TURTLE).parse(g);
        Node s = NodeFactory.createURI(iri);
        assertTrue(g.contains(s, GKB.term("inVersion"), NodeFactory.createURI("https://w3id.org/gkb/id/guideline/nccn-breast/version/2015")));
        assertTrue(g.contains(Node.ANY, NodeFactory.createURI("http://www.w3.org/ns/prov#generated"),
                NodeFactory.createURI("https://w3id.org/gkb/id/guideline/nccn-breast/version/2015")), "the load activity of its version");

        HttpResponse<String> html = server.http().get(path, "Accept", "text/html");
        assertEquals(200, html.statusCode());
        assertTrue(Http.contentType(html).startsWith("text/html"));
        assertTrue(html.body().contains(iri) && html.body().contains("Provenance"));
        assertEquals(200, server.http().get("/api/resource?iri=" + Http.enc(iri) + "&format=html").statusCode());
    }
}
