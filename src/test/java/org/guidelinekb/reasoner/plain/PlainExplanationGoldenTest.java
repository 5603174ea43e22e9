package org.guidelinekb.reasoner.plain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.guidelinekb.reasoner.CaseAttribute;
import org.guidelinekb.reasoner.EvaluationJson;
import org.guidelinekb.reasoner.Reasoner;
import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Golden files for the plain-language explanation ({@code src/test/resources/reasoner/plain/NAME/}): {@code request.json}
 * is a POST /api/evaluate body on the shipped content, {@code expected.json} maps each recommendation (last IRI segment)
 * to its {@code plain} object. The same answer must come in-process and over HTTP, and no sentence may hold an
 * attribute code (a camelCase gkb:caseName) or a concept notation.
 *
 * <p>To rewrite the golden files after an intended change: {@code -Dgkb.golden.update=true}, then review the diff.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlainExplanationGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/reasoner/plain");
    private static final boolean UPDATE = Boolean.getBoolean("gkb.golden.update");

    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.start();
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    @TestFactory
    Stream<DynamicTest> goldenFiles() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(DIR)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(cases.size() >= 5, "golden cases missing: " + cases.size());
        return cases.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> check(d)));
    }

    private void check(Path dir) throws IOException {
        String body = Files.readString(dir.resolve("request.json"));
        Reasoner reasoner = server.app().kb().reasoner();
        ObjectNode inProcess = plainByKey(EvaluationJson.of(reasoner.evaluate(body)));
        HttpResponse<String> r = server.http().post("/api/evaluate", "application/json", body);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(inProcess, plainByKey(Http.json(r)), "the API answers the same words as the reasoner");
        Path expected = dir.resolve("expected.json");
        if (UPDATE) Files.writeString(expected, Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(inProcess) + "\n");
        assertEquals(Http.JSON.readTree(Files.readString(expected)), inProcess, "golden file " + expected);
        for (String sentence : sentences(inProcess)) {
            for (CaseAttribute a : reasoner.attributes().all()) {
                boolean code = !a.name().equals(a.name().toLowerCase(java.util.Locale.ROOT)); // camelCase: a code, not a word
                assertFalse(code && sentence.contains(a.name()), "attribute code " + a.name() + " in: " + sentence);
            }
            assertFalse(sentence.matches(".*\\b(no-evidence-of-disease|local-complication|de-novo|primary-tumor-surgery)\\b.*"),
                    "concept notation in: " + sentence);
            assertFalse(sentence.contains("tumor "), "US spelling in: " + sentence);
        }
    }

    @org.junit.jupiter.api.Test
    void the_api_names_each_evaluated_version_by_title_and_status() {
        String[][] cases = {
            {"2015", "NCCN Guidelines: Breast Cancer, version 2015 — retired, superseded in this knowledge base by version 6.2026"},
            {"6.2026", "NCCN Guidelines: Breast Cancer, version 6.2026 — the version in effect in this knowledge base"}};
        for (String[] c : cases) {
            HttpResponse<String> r = server.http().post("/api/evaluate", "application/json",
                    "{\"guideline\":\"nccn-breast\",\"version\":\"" + c[0] + "\",\"case\":{}}");
            JsonNode v = Http.json(r).path("evaluatedAgainst").path(0);
            assertEquals(c[1], v.path("plain").asText(), r.body());
            assertEquals("NCCN Guidelines: Breast Cancer", v.path("title").asText());
        }
    }

    private static ObjectNode plainByKey(JsonNode evaluation) {
        ObjectNode out = Http.JSON.createObjectNode();
        for (JsonNode rec : evaluation.path("recommendations")) {
            String id = rec.path("recommendation").asText();
            JsonNode plain = rec.path("plain");
            assertTrue(plain.path("headline").isTextual(), "plain.headline of " + id);
            assertTrue(plain.path("because").isArray() && plain.path("missing").isArray(), "plain.because / plain.missing of " + id);
            out.set(id.substring(id.lastIndexOf('/') + 1), plain);
        }
        return out;
    }

    private static List<String> sentences(JsonNode byKey) {
        List<String> out = new ArrayList<>();
        byKey.forEach(p -> {
            out.add(p.path("headline").asText());
            p.path("because").forEach(s -> out.add(s.asText()));
            p.path("missing").forEach(s -> out.add(s.asText()));
        });
        return out;
    }
}
