package org.guidelinekb.reasoner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.guidelinekb.api.ApiErrors;
import org.guidelinekb.error.GkbException;
import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Given / when / then over {@code src/test/resources/reasoner/cases/*.json}: each file holds a request (or a raw
 * body), which knowledge base it runs on ({@code kb}: fixture or shipped), and what must come back. Every case runs
 * twice: in-process against the reasoner, and over HTTP against a real server on port 0.
 *
 * <p>Case members: {@code request} | {@code requestText}, {@code endpoint} (evaluate | compare), then either
 * {@code expectStatus} with {@code expectErrors} ([{field, suggestion?}]) and {@code expectDetailContains}, or
 * {@code expect} (recommendation key → status), {@code expectMissing} (key → exact set), {@code expectOutcomes}
 * (key → criterion key → outcome), {@code expectReasons} (key → sentences that must be among the reasons),
 * {@code expectAction}, {@code expectEvaluatedAgainst}, {@code expectCount}; for compare {@code expectChanges}
 * (key → {from, to, kind, action?}) and {@code expectUnchanged} (key → status). A key is the last segment of the
 * recommendation IRI, or a full recommendation or statement IRI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReasonerCasesTest {
    private static final List<String> ORDER = List.of("applicable", "undetermined", "not-applicable");

    private TestServer fixture;
    private TestServer shipped;

    @BeforeAll
    void start() {
        fixture = ReasonerTestLib.fixtureServer();
        shipped = ReasonerTestLib.shippedServer();
    }

    @AfterAll
    void stop() {
        if (fixture != null) fixture.close();
        if (shipped != null) shipped.close();
    }

    @TestFactory
    Stream<DynamicNode> cases() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(ReasonerTestLib.RESOURCES.resolve("cases"))) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() >= 40, "case files missing: " + files.size());
        return files.stream().map(f -> {
            JsonNode spec = read(f);
            String name = f.getFileName().toString().replaceFirst("\\.json$", "");
            return DynamicContainer.dynamicContainer(name + ": " + spec.path("description").asText(), Stream.of(
                    DynamicTest.dynamicTest("in-process", () -> check(spec, inProcess(spec))),
                    DynamicTest.dynamicTest("over HTTP", () -> check(spec, overHttp(spec)))));
        });
    }

    private record Answer(int status, JsonNode body) {}

    private TestServer server(JsonNode spec) {
        return switch (spec.path("kb").asText()) {
            case "fixture" -> fixture;
            case "shipped" -> shipped;
            default -> throw new AssertionError("case needs \"kb\": \"fixture\" or \"shipped\"");
        };
    }

    private static boolean isCompare(JsonNode spec) {
        return spec.path("endpoint").asText("evaluate").equals("compare");
    }

    private static String body(JsonNode spec) {
        return spec.has("requestText") ? spec.get("requestText").asText() : spec.get("request").toString();
    }

    private Answer inProcess(JsonNode spec) {
        Reasoner reasoner = server(spec).app().kb().reasoner();
        try {
            JsonNode out = isCompare(spec) ? Http.JSON.valueToTree(reasoner.compare(body(spec)))
                    : EvaluationJson.of(reasoner.evaluate(body(spec)));
            return new Answer(200, out);
        } catch (GkbException e) {
            return new Answer(ApiErrors.status(e), Http.JSON.valueToTree(ApiErrors.problem(e).body(null)));
        }
    }

    private Answer overHttp(JsonNode spec) {
        HttpResponse<String> r = server(spec).http().post(isCompare(spec) ? "/api/evaluate/compare" : "/api/evaluate",
                "application/json", body(spec));
        String type = Http.contentType(r);
        if (r.statusCode() == 200) assertTrue(type.startsWith("application/json"), type);
        else assertTrue(type.startsWith("application/problem+json"), type);
        return new Answer(r.statusCode(), Http.json(r));
    }

    private static void check(JsonNode spec, Answer a) {
        if (spec.has("expectStatus")) {
            checkProblem(spec, a);
            return;
        }
        assertEquals(200, a.status(), a.body().toString());
        if (isCompare(spec)) checkReplay(spec, a.body());
        else checkEvaluation(spec, a.body());
    }

    private static void checkProblem(JsonNode spec, Answer a) {
        JsonNode p = a.body();
        int status = spec.get("expectStatus").asInt();
        assertEquals(status, a.status(), p.toString());
        assertEquals(status, p.path("status").asInt(), p.toString());
        assertTrue(p.path("type").asText().startsWith("https://w3id.org/gkb/problems/"), p.toString());
        assertTrue(!p.path("title").asText().isEmpty(), p.toString());
        if (spec.has("expectDetailContains")) {
            assertTrue(p.path("detail").asText().contains(spec.get("expectDetailContains").asText()), p.toString());
        }
        for (JsonNode want : spec.path("expectErrors")) {
            boolean found = false;
            for (JsonNode e : p.path("errors")) {
                if (!e.path("field").asText().equals(want.get("field").asText())) continue;
                assertTrue(!e.path("message").asText().isEmpty(), p.toString());
                if (want.has("suggestion")) assertEquals(want.get("suggestion").asText(), e.path("suggestion").asText(), p.toString());
                found = true;
            }
            assertTrue(found, "no error for field " + want.get("field") + " in " + p);
        }
    }

    private static void checkEvaluation(JsonNode spec, JsonNode body) {
        if (spec.has("expectEvaluatedAgainst")) { // guideline and version; the API adds the version's status in words (issue 20)
            List<String> got = new ArrayList<>();
            body.get("evaluatedAgainst").forEach(v -> got.add(v.path("guideline").asText() + " " + v.path("version").asText()));
            List<String> want = new ArrayList<>();
            spec.get("expectEvaluatedAgainst").forEach(v -> want.add(v.path("guideline").asText() + " " + v.path("version").asText()));
            assertEquals(want, got, body.toString());
        }
        JsonNode recs = body.get("recommendations");
        if (spec.has("expectCount")) assertEquals(spec.get("expectCount").asInt(), recs.size(), "recommendations listed");
        int rank = 0;
        Set<String> ids = new HashSet<>();
        for (JsonNode r : recs) {
            String status = r.path("status").asText();
            assertTrue(ORDER.contains(status), r.toString());
            assertTrue(ORDER.indexOf(status) >= rank, "applicable first, then undetermined, then not-applicable: " + body);
            rank = ORDER.indexOf(status);
            assertTrue(ids.add(r.path("id").asText()), "listed twice: " + r.path("id"));
            for (String field : List.of("id", "recommendation", "guideline", "version", "text", "action", "modality")) {
                assertTrue(r.path(field).isTextual(), field + " in " + r);
            }
            assertEquals(status.equals("undetermined"), !r.path("missing").isEmpty(), "missing is given exactly when undetermined: " + r);
            assertEquals(r.path("criteria").size(), r.path("reasons").size(), "one reason per top-level criterion: " + r);
            assertTrue(r.path("evidence").isArray() && r.has("source"), r.toString());
        }
        fields(spec.path("expect")).forEach((key, want) -> assertEquals(want.asText(), find(recs, key).path("status").asText(),
                key + ": " + find(recs, key)));
        fields(spec.path("expectAction")).forEach((key, want) -> assertEquals(want.asText(), find(recs, key).path("action").asText()));
        fields(spec.path("expectMissing")).forEach((key, want) -> {
            List<String> got = strings(find(recs, key).path("missing"));
            assertEquals(new HashSet<>(got).size(), got.size(), "missing lists each attribute once: " + got);
            assertEquals(new HashSet<>(strings(want)), new HashSet<>(got), key + " missing");
        });
        fields(spec.path("expectReasons")).forEach((key, want) -> {
            List<String> got = strings(find(recs, key).path("reasons"));
            for (String s : strings(want)) assertTrue(got.contains(s), key + ": reason '" + s + "' not among " + got);
        });
        fields(spec.path("expectOutcomes")).forEach((key, want) -> {
            JsonNode rec = find(recs, key);
            fields(want).forEach((criterion, outcome) -> {
                JsonNode node = criterion(rec.path("criteria"), criterion);
                if (node == null) fail("no criterion '" + criterion + "' in " + rec.path("criteria"));
                assertEquals(outcome.asText(), node.path("outcome").asText(), key + " / " + criterion);
            });
        });
    }

    private static void checkReplay(JsonNode spec, JsonNode body) {
        assertEquals(spec.path("request").path("from").asText(), body.path("from").asText());
        assertEquals(spec.path("request").path("to").asText(), body.path("to").asText());
        Set<String> seen = new HashSet<>();
        for (JsonNode c : body.path("changes")) {
            assertTrue(List.of("new", "removed", "status-changed", "not-covered").contains(c.path("kind").asText()), c.toString());
            assertTrue(seen.add(c.path("recommendation").asText()), "twice: " + c);
        }
        for (JsonNode u : body.path("unchanged")) assertTrue(seen.add(u.path("recommendation").asText()), "changed and unchanged: " + u);
        fields(spec.path("expectChanges")).forEach((key, want) -> {
            JsonNode c = find(body.path("changes"), key);
            assertEquals(want.get("from"), c.get("from"), key + " from: " + c);
            assertEquals(want.get("to"), c.get("to"), key + " to: " + c);
            assertEquals(want.get("kind").asText(), c.path("kind").asText(), key + " kind: " + c);
            if (want.has("action")) assertEquals(want.get("action").asText(), c.path("action").asText());
        });
        fields(spec.path("expectUnchanged")).forEach((key, want) ->
                assertEquals(want.asText(), find(body.path("unchanged"), key).path("status").asText(), key));
    }

    /** The one entry whose recommendation (or id) the key names. */
    private static JsonNode find(JsonNode list, String key) {
        List<JsonNode> hits = new ArrayList<>();
        for (JsonNode r : list) {
            String rec = r.path("recommendation").asText();
            if (rec.equals(key) || rec.endsWith("/" + key) || r.path("id").asText().equals(key)) hits.add(r);
        }
        if (hits.size() != 1) fail((hits.isEmpty() ? "no entry for " : "several entries for ") + key + " in " + list);
        return hits.get(0);
    }

    /** The criterion with that key anywhere in the explanation tree (operands and factors). */
    private static JsonNode criterion(JsonNode nodes, String key) {
        for (JsonNode n : nodes) {
            if (n.path("key").asText().equals(key)) return n;
            for (String child : List.of("operands", "factors")) {
                JsonNode hit = criterion(n.path(child), key);
                if (hit != null) return hit;
            }
        }
        return null;
    }

    private static Map<String, JsonNode> fields(JsonNode o) {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : o.properties()) out.put(e.getKey(), e.getValue());
        return out;
    }

    private static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode read(Path f) {
        try {
            return Http.JSON.readTree(Files.readString(f));
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": " + e.getMessage(), e);
        }
    }
}
