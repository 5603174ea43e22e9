package org.guidelinekb.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.guidelinekb.App;
import org.guidelinekb.AppConfig;
import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.StandaloneFuseki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** Two stateless replicas over one standalone Fuseki (its own process, TDB2 on disk), all on loopback. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestReplicas {
    @TempDir static Path dir;
    static StandaloneFuseki fuseki;
    static App a;
    static App b;

    static final String CATALOG_VERSIONS = "SELECT ?v WHERE { GRAPH <https://w3id.org/gkb/graph/catalog> { ?v a <https://w3id.org/gkb/ontology#GuidelineVersion> } }";

    @BeforeAll static void start() {
        fuseki = new StandaloneFuseki(dir.resolve("fuseki")).start();
        AppConfig replica = AppConfig.forTests().toBuilder().storeUrl(fuseki.datasetUrl()).refreshMillis(200).adminToken("replica-token").build();
        a = App.start(replica);
        b = App.start(replica);
    }

    @AfterAll static void stop() {
        if (a != null) a.close();
        if (b != null) b.close();
        if (fuseki != null) fuseki.close();
    }

    static long versions(App app) {
        JsonNode r = Http.json(new Http(app.baseUrl()).get("/kb/sparql?query=" + Http.enc(CATALOG_VERSIONS), "Accept", "application/sparql-results+json"));
        return r.at("/results/bindings").size();
    }

    static void eventually(BooleanSupplier condition, long millis, String what) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) return;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("not within " + millis + " ms: " + what);
    }

    @Test @Order(1) void content_loaded_through_one_is_served_by_both() {
        assertEquals("remote", Http.json(new Http(a.baseUrl()).get("/api/health")).at("/store/kind").asText());
        long va = versions(a);
        assertTrue(va >= 2, "the bundled versions are in the shared store: " + va);
        assertEquals(va, versions(b));
    }

    @Test @Order(2) void public_sparql_is_read_only_in_remote_mode() {
        Http http = new Http(a.baseUrl());
        var r = http.postForm("/kb/sparql", java.util.Map.of("update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"));
        assertEquals(400, r.statusCode());
        assertTrue(Http.contentType(r).startsWith("application/problem+json"));
        assertEquals(false, Http.json(http.get("/kb/sparql?query=" + Http.enc("ASK { GRAPH ?g { <urn:a> ?p ?o } }"),
                "Accept", "application/sparql-results+json")).get("boolean").asBoolean());
    }

    static final String CASE = "{\"guideline\": \"nccn-breast\", \"version\": \"2015\", \"case\": {\"metastatic\": true, "
            + "\"primaryTumorIntact\": true, \"initialSystemicTherapyReceived\": true, \"primarySymptoms\": [\"bleeding\"], "
            + "\"completeLocalClearanceFeasible\": true, \"lifeThreateningMetastaticDisease\": false}}";

    static JsonNode evaluate(App app, String body) {
        var r = new Http(app.baseUrl()).post("/api/evaluate", "application/json", body);
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r);
    }

    @Test @Order(3) void the_same_case_gets_the_same_answer_from_both() {
        JsonNode fromA = evaluate(a, CASE);
        JsonNode fromB = evaluate(b, CASE);
        assertEquals(fromA, fromB);
        assertTrue(fromA.toString().contains("\"status\":\"applicable\""), fromA.toString());
    }

    static String status(App app, String version) {
        JsonNode g = Http.json(new Http(app.baseUrl()).get("/api/guidelines/nccn-breast"));
        for (JsonNode v : g.get("versions")) if (v.get("version").asText().equals(version)) return v.get("status").asText();
        return null;
    }

    @Test @Order(4) void a_retire_through_one_replica_is_served_by_the_other_within_the_bound() {
        assertEquals("active", status(b, "6.2026"));
        String current = "{\"guideline\": \"nccn-breast\", \"case\": {\"metastatic\": true}}";
        assertEquals("6.2026", evaluate(b, current).at("/evaluatedAgainst/0/version").asText(), "B evaluates against the active version");
        var r = new Http(a.baseUrl()).post("/api/guidelines/nccn-breast/versions/6.2026/retire", "application/json", "{}",
                "Authorization", "Bearer replica-token");
        assertEquals(200, r.statusCode(), r.body());
        long t0 = System.nanoTime();
        // B's catalog reads the store, B's reasoner index is a cache: both must follow (refresh every 200 ms). The bound
        // is generous so that it cannot flake on a busy machine; how fast B follows is the benchmark's remote_publish_visible_ms.
        eventually(() -> "retired".equals(status(b, "6.2026")), 30_000, "B lists 6.2026 as retired");
        eventually(() -> new Http(b.baseUrl()).post("/api/evaluate", "application/json", current).statusCode() == 404, 30_000,
                "B's reasoner no longer has an active NCCN version");
        System.out.printf("retire on A served by B after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @Test @Order(9) void losing_the_store_makes_both_unready_and_they_recover() {
        assertEquals(200, new Http(a.baseUrl()).get("/api/ready").statusCode());
        fuseki.stop();
        eventually(() -> new Http(a.baseUrl()).get("/api/ready").statusCode() == 503, 30_000, "A unready");
        eventually(() -> new Http(b.baseUrl()).get("/api/ready").statusCode() == 503, 30_000, "B unready");
        assertEquals(503, new Http(b.baseUrl()).get("/api/health").statusCode(), "health says so too, without crashing");
        fuseki.start();
        eventually(() -> new Http(a.baseUrl()).get("/api/ready").statusCode() == 200, 60_000, "A ready again");
        eventually(() -> new Http(b.baseUrl()).get("/api/ready").statusCode() == 200, 60_000, "B ready again");
        assertTrue(versions(a) >= 2, "nothing lost");
        assertEquals(versions(a), versions(b));
    }
}
