package org.guidelinekb.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.guidelinekb.AppConfig;
import org.guidelinekb.KnowledgeBase;
import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.catalog.VersionSelector;
import org.guidelinekb.load.ContentFile;
import org.guidelinekb.reasoner.CompiledVersion;
import org.guidelinekb.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The reference CQL engine (info.cqframework:engine) on the exported Library agrees with our reasoner: for every
 * reasoner fixture case ({@code src/test/resources/reasoner/cases}, those that are answered rather than refused) and
 * every statement of each version the case is evaluated against, the engine's value with the case as parameters is
 * true / false / null exactly where the reasoner says applicable / not-applicable / undetermined.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CqlEngineCrossCheckTest {
    private static final Path CASES = Path.of("src/test/resources/reasoner/cases");
    private KnowledgeBase fixture;
    private KnowledgeBase shipped;

    @BeforeAll
    void open() throws IOException {
        fixture = KnowledgeBase.open(AppConfig.forTests().withLoadBundled(false), m -> { });
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/reasoner/fixtures"))) {
            fixture.load(s.filter(p -> p.toString().endsWith(".ttl")).sorted().map(ContentFile::read).toList(), "fhir-tests", m -> { });
        }
        shipped = KnowledgeBase.open(AppConfig.forTests(), m -> { });
    }

    @AfterAll
    void close() {
        if (fixture != null) fixture.close();
        if (shipped != null) shipped.close();
    }

    @Test
    void theEngineAgreesWithTheReasonerOnEveryFixtureCase() throws IOException {
        CqlCrossCheck fixtureCheck = new CqlCrossCheck(fixture.reasoner().index());
        CqlCrossCheck shippedCheck = new CqlCrossCheck(shipped.reasoner().index());
        List<Path> files;
        try (Stream<Path> s = Files.list(CASES)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        List<String> mismatches = new ArrayList<>();
        int[] checked = {0};
        int cases = 0;
        for (Path f : files) {
            JsonNode spec = Http.JSON.readTree(f.toFile());
            if (spec.has("expectStatus") || !spec.has("request")) continue; // refused requests evaluate nothing
            JsonNode req = spec.get("request");
            boolean onFixture = spec.path("kb").asText().equals("fixture");
            KnowledgeBase kb = onFixture ? fixture : shipped;
            CqlCrossCheck check = onFixture ? fixtureCheck : shippedCheck;
            for (VersionInfo v : versions(kb, spec, req)) mismatches.addAll(check.mismatches(v, req.get("case"), checked));
            cases++;
        }
        assertTrue(cases >= 10, "fixture cases checked: " + cases);
        assertTrue(checked[0] >= 100, "statements checked: " + checked[0]);
        assertEquals(List.of(), mismatches);
    }

    /** The versions a case is evaluated against: those the reasoner answers from (evaluate), or from and to (compare). */
    private static List<VersionInfo> versions(KnowledgeBase kb, JsonNode spec, JsonNode req) {
        var ix = kb.reasoner().index();
        if (spec.path("endpoint").asText("evaluate").equals("compare")) {
            String g = req.path("guideline").asText(ix.catalog().guidelines().get(0).id());
            return List.of(ix.catalog().resolve(g, VersionSelector.label(req.get("from").asText())),
                    ix.catalog().resolve(g, VersionSelector.label(req.get("to").asText())));
        }
        List<VersionInfo> out = new ArrayList<>();
        for (CompiledVersion cv : kb.reasoner().evaluate(req.toString()).evaluatedAgainst()) {
            out.add(ix.catalog().guidelines().stream().flatMap(g -> g.versions().stream()).filter(v -> v.iri().equals(cv.iri()))
                    .findFirst().orElseThrow());
        }
        return out;
    }
}
