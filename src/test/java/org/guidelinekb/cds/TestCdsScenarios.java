package org.guidelinekb.cds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Tests as data: each folder of {@code src/test/resources/cds/scenarios/} holds a CDS Hooks request with FHIR R4
 * prefetch ({@code request.json}) and the cards it must produce ({@code expected.json}: the service to call, and per
 * card its kind, indicator, statement or version, status, and missing attributes; or a note when no card is due; or,
 * for a call the service must refuse, the HTTP {@code status} and words its problem {@code detail} must hold).
 * Each response must also pass the CDS Hooks response schema.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestCdsScenarios {
    private TestServer server;

    @BeforeAll void start() {
        server = TestServer.start();
    }

    @AfterAll void stop() {
        server.close();
    }

    @TestFactory Stream<DynamicTest> every_scenario_gives_its_expected_cards() throws IOException {
        Path dir = CdsLib.DIR.resolve("scenarios");
        List<Path> cases;
        try (Stream<Path> s = Files.list(dir)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(cases.size() >= 4, "scenarios missing in " + dir);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> run(c)));
    }

    private void run(Path dir) {
        JsonNode expected = CdsLib.json(CdsLib.read(dir.resolve("expected.json")));
        String request = CdsLib.read(dir.resolve("request.json"));
        var r = server.http().post("/cds-services/" + expected.path("service").asText(), "application/json", request);
        if (expected.has("status")) {   // a refused call: its status and what the problem's detail must say
            JsonNode p = CdsLib.assertProblem(r, expected.path("status").asInt());
            for (JsonNode d : expected.path("detail")) assertTrue(p.path("detail").asText().contains(d.asText()), dir.getFileName() + ": " + p);
            return;
        }
        JsonNode body = CdsLib.assertCdsResponse(r);
        JsonNode digest = CdsLib.digest(body);
        assertEquals(expected.path("cards"), digest, dir.getFileName() + ": cards differ; actual:\n" + pretty(digest) + "\nresponse extension:\n"
                + pretty(body.path("extension")));
        if (expected.has("evaluatedAgainst")) {
            JsonNode against = body.at("/extension/org.guidelinekb.evaluation/evaluatedAgainst");
            StringBuilder got = new StringBuilder();
            against.forEach(a -> got.append(got.length() == 0 ? "" : ", ").append(a.path("guideline").asText()).append(' ').append(a.path("version").asText()));
            assertEquals(expected.path("evaluatedAgainst").asText(), got.toString(), dir.getFileName() + ": versions evaluated");
        }
        if (expected.has("note")) {
            String note = body.at("/extension/org.guidelinekb.evaluation/note").asText();
            assertTrue(note.contains(expected.path("note").asText()), dir.getFileName() + ": note '" + note + "'");
        }
        for (JsonNode want : expected.path("case")) {
            JsonNode values = body.at("/extension/org.guidelinekb.evaluation/case/values");
            JsonNode open = body.at("/extension/org.guidelinekb.evaluation/case/openLists");
            String attr = want.path("attribute").asText();
            JsonNode got = want.has("atLeast") ? open.path(attr) : values.path(attr);
            JsonNode expect = want.has("atLeast") ? want.get("atLeast") : want.has("value") ? want.get("value") : null;
            if (expect == null) assertTrue(got.isMissingNode(), dir.getFileName() + ": " + attr + " must stay unknown, is " + got);
            else assertEquals(expect, got, dir.getFileName() + ": case attribute " + attr);
        }
    }

    private static String pretty(JsonNode n) {
        try {
            return Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
