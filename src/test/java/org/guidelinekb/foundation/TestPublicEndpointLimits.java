package org.guidelinekb.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.guidelinekb.AppConfig;
import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The public endpoint's limits, the same over embedded TDB2 and (build execution {@code hardening-remote-store})
 * when it forwards to a remote store: the result-row cap with its header, a SELECT within the cap untouched, and a
 * runaway query cut at the query timeout with a problem answer while the server stays ready.
 */
class TestPublicEndpointLimits {
    static final int CAP = 7;
    static final int TIMEOUT_SECONDS = 2;
    /** Deadline grace, scheduling on 2 busy cores, and a store round trip: generous, so it cannot flake (an uncut cross product runs far longer). */
    static final long SLACK_MILLIS = 10_000;
    static final String ALL_TRIPLES = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }";
    static final String JSON = "application/sparql-results+json";

    @RegisterExtension

    static final RunningServer server = RunningServer.with(() -> AppConfig.forTests().toBuilder().maxResultRows(CAP).queryTimeoutSeconds(TIMEOUT_SECONDS).build());

    static int rows(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r).at("/results/bindings").size();
    }

    @Test void a_select_past_the_cap_is_cut_to_it_and_says_so() {
        for (String endpoint : new String[] {"/kb/sparql", "/kb/query"}) {
            HttpResponse<String> unlimited = server.http().get(endpoint + "?query=" + Http.enc(ALL_TRIPLES), "Accept", JSON);
            assertEquals(CAP, rows(unlimited));
            assertEquals(String.valueOf(CAP), unlimited.headers().firstValue("GKB-Result-Cap").orElse(""), endpoint);
            HttpResponse<String> large = server.http().post(endpoint, "application/sparql-query", ALL_TRIPLES + " LIMIT 1000", "Accept", JSON);
            assertEquals(CAP, rows(large));
            assertEquals(String.valueOf(CAP), large.headers().firstValue("GKB-Result-Cap").orElse(""), endpoint);
        }
    }

    @Test void a_construct_is_capped_by_its_solutions_too() {
        String all = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }";
        HttpResponse<String> r = server.http().get("/kb/sparql?query=" + Http.enc(all), "Accept", "application/n-triples");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(String.valueOf(CAP), r.headers().firstValue("GKB-Result-Cap").orElse(""));
        long triples = r.body().lines().filter(l -> !l.isBlank()).count();
        assertTrue(triples >= 1 && triples <= CAP, triples + " triples:\n" + r.body());
        HttpResponse<String> small = server.http().get("/kb/sparql?query=" + Http.enc(all + " LIMIT 2"), "Accept", "application/n-triples");
        assertFalse(small.headers().firstValue("GKB-Result-Cap").isPresent());
    }

    @Test void a_select_within_the_cap_is_answered_whole_without_the_header() {
        HttpResponse<String> r = server.http().get("/kb/sparql?query=" + Http.enc(ALL_TRIPLES + " LIMIT 3"), "Accept", JSON);
        assertEquals(3, rows(r));
        assertFalse(r.headers().firstValue("GKB-Result-Cap").isPresent());
        HttpResponse<String> ask = server.http().get("/kb/sparql?query=" + Http.enc("ASK { GRAPH ?g { ?s ?p ?o } }"), "Accept", JSON);
        assertTrue(Http.json(ask).get("boolean").asBoolean(), ask.body());
    }

    @Test void the_default_graph_is_the_union_of_the_named_graphs() {
        HttpResponse<String> r = server.http().get("/kb/sparql?query=" + Http.enc("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"), "Accept", JSON);
        assertEquals(1, rows(r), "a query without GRAPH sees the content (docs/sparql.md: the default graph is the union)");
    }

    @Test void a_runaway_query_is_cut_at_the_timeout_and_the_server_stays_ready() throws Exception {
        String query = Files.readString(Path.of("src/test/resources/hardening/runaway-cross-product.rq"));
        for (int i = 0; i < 2; i++) { // twice: the first cut must not leave the endpoint stuck
            long t0 = System.nanoTime();
            HttpResponse<String> r = server.http().get("/kb/sparql?query=" + Http.enc(query), "Accept", JSON);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(503, r.statusCode(), r.body());
            assertTrue(Http.contentType(r).startsWith("application/problem+json"), Http.contentType(r));
            JsonNode p = Http.json(r);
            assertEquals(503, p.path("status").asInt(), r.body());
            assertEquals("https://w3id.org/gkb/problems/query-timeout", p.path("type").asText(), "a timeout, not a broken store: " + r.body());
            assertTrue(millis < TIMEOUT_SECONDS * 1000L + SLACK_MILLIS, "cut after " + millis + " ms, timeout " + TIMEOUT_SECONDS + " s");
        }
        HttpResponse<String> ready = server.http().get("/api/ready");
        assertEquals(200, ready.statusCode(), ready.body());
    }
}
