package org.guidelinekb.reasoner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.apache.jena.riot.Lang;
import org.guidelinekb.error.NotFoundException;
import org.guidelinekb.load.ContentFile;
import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.TestServer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The compiled index: rebuilt and swapped whole after a content change; evaluation never reads the store. */
class ReasonerIndexTest {

    @Test
    void loading_a_version_rebuilds_the_index_and_swaps_it_whole() throws IOException {
        try (TestServer server = ReasonerTestLib.fixtureServer()) {
            Reasoner reasoner = server.app().kb().reasoner();
            ReasonerIndex before = reasoner.index();
            assertThrows(NotFoundException.class, () -> reasoner.evaluate(json("{\"guideline\":\"fixture\",\"version\":\"3\",\"case\":{}}")));

            server.app().kb().load(List.of(draftVersion3()), "reasoner-tests", m -> { });

            ReasonerIndex after = reasoner.index();
            assertNotSame(before, after);
            String v3 = "https://w3id.org/gkb/id/guideline/fixture/version/3";
            assertTrue(before.catalog().byIri(v3).isEmpty(), "the old index is unchanged");
            assertTrue(after.catalog().byIri(v3).isPresent());
            assertFalse(after.isCompiled(v3), "a draft is compiled on first use, not by the write");
            assertTrue(!before.stamp().equals(after.stamp()));
            Evaluation e = reasoner.evaluate(json("{\"guideline\":\"fixture\",\"version\":\"3\",\"case\":{\"metastatic\":false}}"));
            assertTrue(after.isCompiled(v3));
            assertEquals(4, e.results().size());
            assertEquals(Status.NOT_APPLICABLE, e.results().get(0).status());
            // a draft is never the current version
            JsonNode current = EvaluationJson.of(reasoner.evaluate(json("{\"guideline\":\"fixture\",\"case\":{}}")));
            assertEquals("2", current.at("/evaluatedAgainst/0/version").asText());
            // over HTTP the new version is served too
            assertEquals(200, server.http().post("/api/evaluate", "application/json",
                    "{\"guideline\":\"fixture\",\"version\":\"3\",\"case\":{}}").statusCode());
        }
    }

    @Test
    void evaluation_uses_only_the_compiled_index_never_the_store() {
        TestServer server = ReasonerTestLib.fixtureServer();
        Reasoner reasoner = server.app().kb().reasoner();
        server.close(); // stops the server and closes the store
        Evaluation e = reasoner.evaluate(json("{\"guideline\":\"fixture\",\"version\":\"2\",\"case\":{\"metastatic\":true,\"primarySymptoms\":[\"bleeding\"]}}"));
        assertEquals(17, e.results().size());
        StatementResult hierarchy = e.results().stream()
                .filter(r -> r.statement().recommendation().endsWith("/symptom-hierarchy")).findFirst().orElseThrow();
        assertEquals(Status.APPLICABLE, hierarchy.status());
    }

    private static ContentFile draftVersion3() throws IOException {
        String v1 = Files.readString(ReasonerTestLib.RESOURCES.resolve("fixtures/fixture-1.ttl"));
        String v3 = v1.replace("/version/1", "/version/3").replace("pav:version \"1\"", "pav:version \"3\"")
                .replace("status:retired", "status:draft").replace("fixture-1", "fixture-3").replace("fixture 1", "fixture 3")
                .replace("\"2020-01-01\"", "\"2030-01-01\"");
        return new ContentFile("fixture-3.ttl", v3.getBytes(StandardCharsets.UTF_8), Lang.TURTLE);
    }

    private static JsonNode json(String s) {
        try {
            return Http.JSON.readTree(s);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
