package org.guidelinekb.hardening;

import org.guidelinekb.util.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

import org.guidelinekb.AppConfig;
import org.guidelinekb.util.Json;
import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.ServerUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Deeply nested bodies (issue 18) are a 400 problem naming the limit, not a 500 or a stack overflow: JSON nested
 * past {@value Json#MAX_NESTING} levels on every JSON body route of the API (the CDS routes have their own test), and
 * an upload of 200,000 nested blank nodes.
 */
class TestDeepNesting {
    static ServerUnderTest server;
    static Http http;

    @BeforeAll static void start() {
        server = ServerUnderTest.start(AppConfig.forTests().toBuilder().adminToken(HardeningLib.TOKEN).build());
        http = server.http();
    }

    @AfterAll static void stop() {
        if (server != null) server.close();
    }

    /** An object nested {@code levels} deep: {"a":{"a":…{}…}}. */
    static String nested(int levels) {
        return "{\"a\":".repeat(levels - 1) + "{}" + "}".repeat(levels - 1);
    }

    static void assertProblem(int status, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.uri() + ": " + r.body());
        assertTrue(Http.contentType(r).startsWith("application/problem+json"), Http.contentType(r));
    }

    @Test void json_nested_past_the_limit_is_a_400_naming_it() {
        for (String route : new String[] {"/api/evaluate", "/api/evaluate/compare", "/api/queries/list-guideline-versions"}) {
            HttpResponse<String> deep = http.post(route, "application/json", nested(Json.MAX_NESTING + 1));
            assertProblem(400, deep);
            assertTrue(Http.json(deep).path("detail").asText().contains("nesting depth"), route + ": " + deep.body());
            HttpResponse<String> within = http.post(route, "application/json", nested(Json.MAX_NESTING));
            assertTrue(within.statusCode() < 500, route + ": " + within.body());
            assertFalse(within.body().contains("nesting depth"), "64 levels are allowed on " + route + ": " + within.body());
        }
    }

    @Test void an_upload_of_200000_nested_blank_nodes_is_a_400() {
        int depth = 200_000;
        String turtle = "<https://w3id.org/gkb/id/s> <https://w3id.org/gkb/id/p> " + "[ <https://w3id.org/gkb/id/p> ".repeat(depth)
                + "<https://w3id.org/gkb/id/o>" + " ]".repeat(depth) + " .\n";
        HttpResponse<String> r = http.post("/api/guidelines/deep-gl/versions", "text/turtle", turtle,
                "Authorization", HardeningLib.BEARER);
        assertProblem(400, r);
        JsonNode p = Http.json(r);
        assertTrue(p.path("detail").asText().contains("nested too deeply"), r.body());
        HttpResponse<String> health = http.get("/api/health");
        assertEquals(200, health.statusCode(), health.body());
    }
}
