package org.guidelinekb.reasoner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.guidelinekb.catalog.GuidelineInfo;
import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.error.GkbException;
import org.guidelinekb.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@link Reasoner#statuses} (the status alone of every statement) gives every statement the status the full
 * {@link Reasoner#evaluate} gives it, in guideline and display order, and refuses a bad request as evaluate does: over
 * the evaluate requests of the reasoner fixtures and over random cases on every version of the fixture and shipped
 * content (fixed seeds).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusesTest {
    private ReasonerTestLib.Servers servers;

    @BeforeAll
    void start() {
        servers = ReasonerTestLib.Servers.start();
    }

    @AfterAll
    void stop() {
        if (servers != null) servers.close();
    }

    @Test
    void statuses_equal_the_full_evaluation_on_the_fixture_requests() throws IOException {
        int answered = 0;
        int refused = 0;
        try (Stream<Path> s = Files.list(ReasonerTestLib.RESOURCES.resolve("cases"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode spec = Http.JSON.readTree(f.toFile());
                if (spec.path("endpoint").asText("evaluate").equals("compare")) continue;
                Reasoner reasoner = servers.reasoner(spec.path("kb").asText());
                String body = spec.has("requestText") ? spec.get("requestText").asText() : spec.get("request").toString();
                Evaluation full;
                try {
                    full = reasoner.evaluate(body);
                } catch (GkbException e) {
                    GkbException same = assertThrows(GkbException.class, () -> reasoner.statuses(RequestJson.parse(body)), f.toString());
                    assertEquals(e.getMessage(), same.getMessage(), f.toString());
                    refused++;
                    continue;
                }
                assertSame(full, reasoner.statuses(RequestJson.parse(body)), f.toString());
                answered++;
            }
        }
        assertTrue(answered >= 20 && refused >= 10, "fixture requests missing: " + answered + " answered, " + refused + " refused");
    }

    @Test
    void statuses_equal_the_full_evaluation_on_random_cases_on_every_version() {
        int[] seen = new int[Status.values().length];
        for (String kb : List.of("fixture", "shipped")) {
            Reasoner reasoner = servers.reasoner(kb);
            List<JsonNode> cases = VersionProgramTest.randomCases(reasoner.attributes(), new SplittableRandom(23), 200);
            List<ObjectNode> requests = new ArrayList<>();
            for (JsonNode c : cases) requests.add(JsonNodeFactory.instance.objectNode().set("case", c)); // the current versions
            for (GuidelineInfo g : reasoner.index().catalog().guidelines()) {
                for (VersionInfo v : g.versions()) {
                    for (JsonNode c : cases) {
                        requests.add(JsonNodeFactory.instance.objectNode().put("guideline", g.id()).put("version", v.label()).set("case", c));
                    }
                }
            }
            for (ObjectNode request : requests) {
                Statuses s = reasoner.statuses(request);
                assertSame(reasoner.evaluate(request), s, request.toString());
                for (int k = 0; k < s.size(); k++) seen[s.status(k).ordinal()]++;
            }
        }
        for (Status st : Status.values()) assertTrue(seen[st.ordinal()] > 100, "too few " + st.word() + " statements compared: " + seen[st.ordinal()]);
    }

    /**
     * A generated 1,000-statement version (every criterion kind; statements with more tests than a status table
     * takes fold their nodes, the others read a table): the statuses alone equal the full evaluation's on random cases.
     */
    @Test
    void statuses_equal_the_full_evaluation_on_a_generated_version() throws IOException {
        Path dir = Files.createTempDirectory("gkb-statuses");
        try (org.guidelinekb.KnowledgeBase kb = org.guidelinekb.KnowledgeBase.open(
                org.guidelinekb.AppConfig.forTests().withLoadBundled(false), m -> { })) {
            List<Path> files = new org.guidelinekb.generate.KbGenerator(
                    new org.guidelinekb.generate.GeneratorSettings(1, 1, 1000, 0.2, 29)).write(dir).files();
            org.guidelinekb.bench.BenchStore.putUnvalidated(kb, files);
            Reasoner reasoner = kb.reasoner();
            int[] seen = new int[Status.values().length];
            for (JsonNode c : VersionProgramTest.randomCases(reasoner.attributes(), new SplittableRandom(41), 300)) {
                ObjectNode request = JsonNodeFactory.instance.objectNode().set("case", c);
                Statuses s = reasoner.statuses(request);
                assertSame(reasoner.evaluate(request), s, request.toString());
                for (int k = 0; k < s.size(); k++) seen[s.status(k).ordinal()]++;
            }
            for (Status st : Status.values()) assertTrue(seen[st.ordinal()] > 1000, "too few " + st.word() + ": " + seen[st.ordinal()]);
        } finally {
            org.guidelinekb.bench.BenchStore.deleteTree(dir);
        }
    }

    /** The same versions, the same statements in guideline and display order, each with the full evaluation's status. */
    private static void assertSame(Evaluation full, Statuses statuses, String where) {
        assertEquals(full.evaluatedAgainst(), statuses.evaluatedAgainst(), where);
        Map<String, Status> expected = new LinkedHashMap<>();
        for (CompiledVersion v : full.evaluatedAgainst()) v.statements().forEach(st -> expected.put(st.iri(), null));
        full.results().forEach(r -> expected.put(r.statement().iri(), r.status()));
        Map<String, Status> actual = new LinkedHashMap<>();
        for (int k = 0; k < statuses.size(); k++) actual.put(statuses.statement(k).iri(), statuses.status(k));
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(actual.entrySet()), where);
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        full.results().forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        for (Status st : Status.values()) assertEquals(counts.getOrDefault(st, 0), statuses.count(st), where + " " + st);
    }
}
