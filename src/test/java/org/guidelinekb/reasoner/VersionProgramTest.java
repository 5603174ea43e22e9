package org.guidelinekb.reasoner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.guidelinekb.catalog.GuidelineInfo;
import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The flat {@link VersionProgram} evaluation gives every criterion node the outcome the criteria tree gives
 * ({@link Criterion#eval}, the reference), every statement the status of its root and the same missing list as the
 * tree's rule (unknown leaves under unknown nodes, each once, in order), over every version of the
 * fixture and the shipped content, for the cases of the reasoner fixtures and for random cases (fixed seeds).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VersionProgramTest {
    private List<TestServer> servers; // the fixture versions, then the shipped content

    @BeforeAll
    void start() {
        servers = new ArrayList<>();
        servers.add(ReasonerTestLib.fixtureServer());
        servers.add(ReasonerTestLib.shippedServer());
    }

    @AfterAll
    void stop() {
        servers.forEach(TestServer::close);
    }

    @Test
    void program_outcomes_equal_the_tree_outcomes_on_fixture_cases() throws IOException {
        List<JsonNode> cases = fixtureCases();
        assertTrue(cases.size() >= 20, "fixture cases missing: " + cases.size());
        int checked = 0;
        for (TestServer s : servers) checked += check(s, cases);
        assertTrue(checked > 1000, "too few statement evaluations compared: " + checked);
    }

    @Test
    void program_outcomes_equal_the_tree_outcomes_on_random_cases() {
        for (TestServer s : servers) {
            List<JsonNode> cases = randomCases(s.app().kb().reasoner().attributes(), new SplittableRandom(19), 300);
            assertTrue(check(s, cases) > 1000);
        }
    }

    /** Compares program and tree on every version of the server's catalog for every case; the count of statements. */
    private static int check(TestServer server, List<JsonNode> cases) {
        Reasoner reasoner = server.app().kb().reasoner();
        ReasonerIndex ix = reasoner.index();
        int n = 0;
        for (JsonNode json : cases) {
            PatientCase c;
            try {
                c = PatientCase.of(json, ix.attributes());
            } catch (RuntimeException invalid) {
                continue; // a fixture of a bad case: nothing to evaluate
            }
            for (GuidelineInfo g : ix.catalog().guidelines()) {
                for (VersionInfo v : g.versions()) {
                    Evaluation e = Reasoner.evaluate(ix, v, c);
                    for (StatementResult r : e.results()) {
                        CompiledStatement s = r.statement();
                        if (s.criteria() == null) {
                            assertEquals(Status.APPLICABLE, r.status(), s.iri());
                        } else {
                            byte[] tree = new byte[s.slots()];
                            Tri root = Tri.ofCode(s.criteria().eval(c, tree, 0));
                            assertEquals(Status.of(root), r.status(), s.iri() + " " + json);
                            assertNodes(s.criteria(), tree, r, s.iri() + " " + json);
                            Set<String> missing = new LinkedHashSet<>();
                            if (root == Tri.UNKNOWN) missing(s.criteria(), tree, missing);
                            assertEquals(List.copyOf(missing), r.missing(), s.iri() + " " + json);
                        }
                        n++;
                    }
                }
            }
        }
        return n;
    }

    private static void assertNodes(Criterion k, byte[] tree, StatementResult r, String where) {
        assertEquals(Tri.ofCode(tree[k.slot()]), r.outcome(k), where + " node " + k.key());
        if (k instanceof Criterion.AllOf a) a.operands().forEach(o -> assertNodes(o, tree, r, where));
        else if (k instanceof Criterion.AnyOf a) a.operands().forEach(o -> assertNodes(o, tree, r, where));
        else if (k instanceof Criterion.Not x) assertNodes(x.operand(), tree, r, where);
        else if (k instanceof Criterion.Judgement j) j.factors().forEach(o -> assertNodes(o, tree, r, where));
    }

    /** What is missing, read off the tree (the reasoner's rule before the flat program). */
    private static void missing(Criterion n, byte[] tree, Set<String> acc) {
        if (Tri.ofCode(tree[n.slot()]) != Tri.UNKNOWN) return;
        if (n instanceof Criterion.AttributeTest a) acc.add(a.attribute().decidedBy());
        else if (n instanceof Criterion.AllOf a) a.operands().forEach(o -> missing(o, tree, acc));
        else if (n instanceof Criterion.AnyOf a) a.operands().forEach(o -> missing(o, tree, acc));
        else if (n instanceof Criterion.Not x) missing(x.operand(), tree, acc);
        else if (n instanceof Criterion.Judgement j) acc.add("judgement: " + (j.label() != null ? j.label() : j.key()));
        else if (n instanceof Criterion.Unevaluable u) acc.add("unevaluable criterion: " + u.key() + " (" + u.problem() + ")");
    }

    private static List<JsonNode> fixtureCases() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        out.add(JsonNodeFactory.instance.objectNode());
        try (Stream<Path> s = Files.list(ReasonerTestLib.RESOURCES.resolve("cases"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode spec = Http.JSON.readTree(f.toFile());
                JsonNode c = spec.path("request").path("case");
                if (c.isObject()) out.add(c);
            }
        }
        return out;
    }

    /** Cases over the catalogue: each attribute a case may give, given with probability 0.6, lists of 0-3 values. */
    static List<JsonNode> randomCases(CaseAttributes attributes, SplittableRandom r, int n) {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ObjectNode c = JsonNodeFactory.instance.objectNode();
            for (CaseAttribute a : attributes.all()) {
                if (a.derived() || r.nextDouble() >= 0.6 || (a.type().isConcept() && a.values().isEmpty())) continue;
                switch (a.type()) {
                    case BOOLEAN -> c.put(a.name(), r.nextBoolean());
                    case INTEGER -> {
                        int lo = a.min() == null ? 0 : a.min();
                        int hi = a.max() == null ? lo + 100 : a.max();
                        c.put(a.name(), lo + r.nextInt(hi - lo + 1));
                    }
                    case CONCEPT -> c.put(a.name(), a.values().get(r.nextInt(a.values().size())));
                    case CONCEPT_LIST -> {
                        ArrayNode list = c.putArray(a.name());
                        for (int k = r.nextInt(4); k > 0; k--) list.add(a.values().get(r.nextInt(a.values().size())));
                    }
                }
            }
            out.add(c);
        }
        return out;
    }
}
