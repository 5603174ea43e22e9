package org.guidelinekb.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.TestServer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class TestHealth {
    @Test void health_reports_store_counts_and_version_on_the_shared_port() {
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> r = server.http().get("/api/health");
            assertEquals(200, r.statusCode());
            assertTrue(Http.contentType(r).startsWith("application/json"));
            JsonNode h = Http.json(r);
            assertEquals("ok", h.get("status").asText());
            assertEquals("tdb2-memory", h.at("/store/kind").asText());
            assertTrue(h.at("/store/triples").asLong() > 100, h.toString());
            assertTrue(h.at("/store/graphs").asLong() >= 3, h.toString());
            assertTrue(h.get("version").asText().startsWith("0."));
            // Fuseki answers on the same port
            assertEquals(200, server.http().get("/kb/sparql?query=" + Http.enc("ASK{}")).statusCode());
        }
    }

    @Test void unknown_api_route_is_problem_json_404() {
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> r = server.http().get("/api/no-such-thing");
            assertEquals(404, r.statusCode());
            assertTrue(Http.contentType(r).startsWith("application/problem+json"), Http.contentType(r));
            assertEquals(404, Http.json(r).get("status").asInt());
        }
    }
}
