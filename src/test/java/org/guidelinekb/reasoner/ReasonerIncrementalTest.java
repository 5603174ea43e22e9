package org.guidelinekb.reasoner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.jena.riot.Lang;
import org.guidelinekb.AppConfig;
import org.guidelinekb.KnowledgeBase;
import org.guidelinekb.catalog.GuidelineInfo;
import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.error.GkbException;
import org.guidelinekb.load.ContentFile;
import org.guidelinekb.testing.Http;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The reasoner after writes (docs/scale.md, "Reasoner"): an incremental rebuild, which keeps what a write did not
 * touch, answers exactly as a reasoner built from scratch over the same store; versions that are not active are
 * compiled on first use and at most the budget of them is kept.
 */
class ReasonerIncrementalTest {
    private static final String GUIDELINE = "fixture";
    private static final List<String> CASES = List.of("{}", "{\"metastatic\":true}", "{\"metastatic\":false,\"age\":40}",
            "{\"metastatic\":true,\"age\":17,\"ecog\":3,\"primarySymptoms\":[\"bleeding\"]}",
            "{\"metastatic\":true,\"primaryTumorIntact\":true,\"lifeThreateningMetastaticDisease\":false,\"oligometastatic\":true}");

    /** One write or read of the generated sequence: {@code kind} 0..5, {@code seed} chooses the content and the version. */
    record Op(int kind, int seed) {}

    @Provide
    Arbitrary<List<Op>> operations() {
        return Arbitraries.integers().between(0, 5).flatMap(k -> Arbitraries.integers().between(0, 1_000).map(s -> new Op(k, s)))
                .list().ofMinSize(2).ofMaxSize(6);
    }

    @Property(tries = 8)
    void an_incremental_rebuild_answers_as_a_full_rebuild(@ForAll("operations") List<Op> ops) {
        try (KnowledgeBase kb = fixtureKb(16)) { // a budget that keeps every version compiled: a stale one would show
            int next = 3;
            for (Op op : ops) {
                Random rnd = new Random(op.seed());
                List<VersionInfo> versions = versions(kb);
                List<VersionInfo> drafts = versions.stream().filter(VersionInfo::isDraft).toList();
                try {
                    switch (op.kind()) {
                        case 0 -> kb.versions().writes().create(GUIDELINE, generated(next++, rnd), "test");
                        case 1 -> { if (!drafts.isEmpty()) { VersionInfo d = drafts.get(rnd.nextInt(drafts.size()));
                            kb.versions().writes().replace(GUIDELINE, d.label(), generated(Integer.parseInt(d.label()), rnd), "test"); } }
                        case 2 -> { if (!drafts.isEmpty()) kb.versions().writes().publish(GUIDELINE, drafts.get(rnd.nextInt(drafts.size())).label(), "test"); }
                        case 3 -> { if (!drafts.isEmpty()) kb.versions().writes().delete(GUIDELINE, drafts.get(rnd.nextInt(drafts.size())).label(), "test"); }
                        default -> { // read: compile some version on first use, so that the incremental index holds more than the active ones
                            VersionInfo v = versions.get(rnd.nextInt(versions.size()));
                            kb.reasoner().evaluate(request(v.label(), CASES.get(rnd.nextInt(CASES.size()))));
                        }
                    }
                } catch (GkbException refused) {
                    // a write the lifecycle refuses (e.g. two published versions with one effective date) changes nothing
                }
                assertSameAnswers(kb);
            }
        }
    }

    /** Every version, every case: the reasoner that followed the writes and one built now from the store agree. */
    private static void assertSameAnswers(KnowledgeBase kb) {
        Reasoner full = new Reasoner(kb.store(), kb.queries(), kb.catalog());
        assertEquals(full.index().stamp(), kb.reasoner().index().stamp());
        for (VersionInfo v : versions(kb)) {
            for (String c : CASES) {
                JsonNode incremental = EvaluationJson.of(kb.reasoner().evaluate(request(v.label(), c)));
                JsonNode scratch = EvaluationJson.of(full.evaluate(request(v.label(), c)));
                assertEquals(scratch, incremental, "version " + v.label() + " (" + v.status() + "), case " + c);
            }
        }
        JsonNode current = EvaluationJson.of(full.evaluate(request(null, "{}")));
        assertEquals(current, EvaluationJson.of(kb.reasoner().evaluate(request(null, "{}"))));
    }

    @Test
    void a_retired_version_is_compiled_on_first_use_and_only_the_budget_is_kept() {
        try (KnowledgeBase kb = fixtureKb(1)) {
            for (int n = 3; n <= 5; n++) kb.versions().writes().create(GUIDELINE, generated(n, new Random(n)), "test");
            ReasonerIndex ix = kb.reasoner().index();
            String v1 = versions(kb).stream().filter(v -> v.label().equals("1")).findFirst().orElseThrow().iri();
            assertEquals("retired", ix.catalog().byIri(v1).orElseThrow().status());
            assertTrue(ix.ready(), "the active version is compiled by the write");
            assertFalse(ix.isCompiled(v1), "a retired version waits for its first use");

            Evaluation e = kb.reasoner().evaluate(request("1", "{\"metastatic\":true}"));
            assertEquals("1", e.evaluatedAgainst().get(0).label());
            assertTrue(kb.reasoner().index().isCompiled(v1));
            assertEquals(1, kb.reasoner().index().retainedCount());

            // the budget is 1: using drafts 3, 4 and 5 one after another keeps only the last, and the active version
            for (String label : List.of("3", "4", "5")) kb.reasoner().evaluate(request(label, "{}"));
            ReasonerIndex after = kb.reasoner().index();
            assertEquals(1, after.retainedCount());
            assertTrue(after.isCompiled(GuidelineVersions.iri(kb, "5")));
            assertFalse(after.isCompiled(v1) || after.isCompiled(GuidelineVersions.iri(kb, "3")) || after.isCompiled(GuidelineVersions.iri(kb, "4")));
            assertTrue(after.isCompiled(GuidelineVersions.iri(kb, "2")), "the active version is always kept");
            // an evicted version is compiled again on use, with the same answer
            JsonNode again = EvaluationJson.of(kb.reasoner().evaluate(request("1", "{\"metastatic\":true}")));
            assertEquals(EvaluationJson.of(e), again);
        }
    }

    @Test
    void a_write_recompiles_only_the_versions_it_touched() {
        try (KnowledgeBase kb = fixtureKb(4)) {
            kb.versions().writes().create(GUIDELINE, generated(3, new Random(3)), "test");
            kb.versions().writes().create(GUIDELINE, generated(4, new Random(4)), "test");
            kb.reasoner().evaluate(request("1", "{}"));
            kb.reasoner().evaluate(request("3", "{}"));
            kb.reasoner().evaluate(request("4", "{}"));
            ReasonerIndex before = kb.reasoner().index();
            kb.versions().writes().replace(GUIDELINE, "4", generated(4, new Random(44)), "test");
            ReasonerIndex after = kb.reasoner().index();
            for (String label : List.of("1", "2", "3")) {
                String iri = GuidelineVersions.iri(kb, label);
                assertTrue(after.versions().get(iri) == before.versions().get(iri), "version " + label + " is kept as compiled, not recompiled");
            }
            assertFalse(after.isCompiled(GuidelineVersions.iri(kb, "4")), "the replaced draft is compiled again on its next use");
        }
    }

    @Test
    void readiness_reports_the_compiled_active_versions() {
        try (org.guidelinekb.testing.TestServer server = ReasonerTestLib.fixtureServer()) {
            var ready = server.http().get("/api/ready");
            assertEquals(200, ready.statusCode(), ready.body());
            JsonNode body = Http.json(ready);
            assertEquals(1, body.at("/reasoner/active").asInt(), body.toString());
            assertEquals(1, body.at("/reasoner/activeCompiled").asInt(), body.toString());
            assertEquals(0, body.at("/reasoner/otherCompiled").asInt(), body.toString());
            server.http().post("/api/evaluate", "application/json", "{\"guideline\":\"fixture\",\"version\":\"1\",\"case\":{}}");
            assertEquals(1, Http.json(server.http().get("/api/ready")).at("/reasoner/otherCompiled").asInt(), "the retired version, compiled on use");
        }
    }

    /** An in-memory knowledge base with the two fixture versions (1 retired, 2 active) and the given budget. */
    private static KnowledgeBase fixtureKb(int budget) {
        KnowledgeBase kb = KnowledgeBase.open(AppConfig.forTests().toBuilder().loadBundled(false).reasonerCacheVersions(budget).build(), m -> { });
        kb.load(ReasonerTestLib.files(ReasonerTestLib.RESOURCES.resolve("fixtures")), "reasoner-tests", m -> { });
        return kb;
    }

    private static List<VersionInfo> versions(KnowledgeBase kb) {
        List<VersionInfo> out = new ArrayList<>();
        for (GuidelineInfo g : kb.reasoner().index().catalog().guidelines()) out.addAll(g.versions());
        return out;
    }

    /** Version {@code n} of the fixture guideline as a draft: fixture 2 with values changed at random. */
    private static ContentFile generated(int n, Random rnd) {
        String v2;
        try {
            v2 = Files.readString(ReasonerTestLib.RESOURCES.resolve("fixtures/fixture-2.ttl"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = v2.replace("/version/2", "/version/" + n).replace("pav:version \"2\"", "pav:version \"" + n + "\"")
                .replace("status:active", "status:draft").replace("fixture-2", "fixture-" + n).replace("fixture 2", "fixture " + n)
                .replace("\"2022-01-01\"", "\"" + (2030 + n) + "-01-0" + (1 + rnd.nextInt(9)) + "\"");
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.contains("prov:wasRevisionOf") || line.contains("pav:previousVersion") || line.contains("gkb:previousEncodedVersion")) continue; // no chain: drafts come and go
            if (line.contains("gkb:value true") && rnd.nextBoolean()) line = line.replace("gkb:value true", "gkb:value false");
            else if (line.contains("gkb:value 18")) line = line.replace("gkb:value 18", "gkb:value " + (10 + rnd.nextInt(60)));
            else if (line.contains("gkb:value 2 ") && rnd.nextBoolean()) line = line.replace("gkb:value 2 ", "gkb:value " + rnd.nextInt(5) + " ");
            out.append(line).append('\n');
        }
        return new ContentFile("fixture-" + n + ".ttl", out.toString().getBytes(StandardCharsets.UTF_8), Lang.TURTLE);
    }

    private static JsonNode request(String version, String c) {
        try {
            return Http.JSON.readTree("{\"guideline\":\"" + GUIDELINE + "\"" + (version == null ? "" : ",\"version\":\"" + version + "\"")
                    + ",\"case\":" + c + "}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Version IRIs by label. */
    private static final class GuidelineVersions {
        static String iri(KnowledgeBase kb, String label) {
            return versions(kb).stream().filter(v -> v.label().equals(label)).findFirst().orElseThrow().iri();
        }
    }
}
