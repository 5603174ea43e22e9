package org.guidelinekb.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.guidelinekb.App;
import org.guidelinekb.AppConfig;
import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.StandaloneFuseki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A remote store not set up as the deployment section asks (a Fuseki whose default graph is its own, empty one):
 * the server still works, says so at start and in {@code /api/health}, and the public endpoint answers honestly
 * (a query without GRAPH sees nothing, one with GRAPH sees the content).
 */
class TestRemoteStoreSetup {
    @TempDir Path dir;

    @Test void a_store_whose_default_graph_is_not_the_union_is_reported_at_start_and_in_health() {
        try (StandaloneFuseki fuseki = new StandaloneFuseki(dir.resolve("fuseki"), false).start()) {
            List<String> progress = new ArrayList<>();
            try (App app = App.start(AppConfig.forTests().toBuilder().storeUrl(fuseki.datasetUrl()).build(), progress::add)) {
                assertTrue(progress.stream().anyMatch(m -> m.startsWith("warning:") && m.contains("tdb:unionDefaultGraph=true")), progress.toString());
                Http http = new Http(app.baseUrl());
                JsonNode health = Http.json(http.get("/api/health"));
                assertEquals("ok", health.path("status").asText(), health.toString());
                assertFalse(health.at("/store/defaultGraphIsUnion").asBoolean(true), health.toString());
                assertTrue(health.at("/store/warning").asText().contains("union"), health.toString());
                String json = "application/sparql-results+json";
                assertFalse(Http.json(http.get("/kb/sparql?query=" + Http.enc("ASK { ?s ?p ?o }"), "Accept", json)).get("boolean").asBoolean());
                assertTrue(Http.json(http.get("/kb/sparql?query=" + Http.enc("ASK { GRAPH ?g { ?s ?p ?o } }"), "Accept", json)).get("boolean").asBoolean());
            }
        }
    }

    @Test void a_store_set_up_as_documented_reports_no_warning() {
        try (StandaloneFuseki fuseki = new StandaloneFuseki(dir.resolve("fuseki")).start()) {
            List<String> progress = new ArrayList<>();
            try (App app = App.start(AppConfig.forTests().toBuilder().storeUrl(fuseki.datasetUrl()).build(), progress::add)) {
                assertTrue(progress.stream().noneMatch(m -> m.startsWith("warning:")), progress.toString());
                JsonNode health = Http.json(new Http(app.baseUrl()).get("/api/health"));
                assertTrue(health.at("/store/defaultGraphIsUnion").asBoolean(false), health.toString());
                assertTrue(health.at("/store/warning").isMissingNode(), health.toString());
            }
        }
    }
}
