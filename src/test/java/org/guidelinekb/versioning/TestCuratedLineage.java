package org.guidelinekb.versioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.guidelinekb.AppConfig;
import org.guidelinekb.KnowledgeBase;
import org.guidelinekb.catalog.VersionSelector;
import org.guidelinekb.load.ContentFile;
import org.junit.jupiter.api.Test;

/**
 * Curated lineage read from content (src/test/resources/versioning/curated-lineage: version 2 states that its
 * oligometastatic recommendation replaces version 1's follow-up imaging): the comparison reports it instead of "not
 * covered" on both sides, and the history of the later recommendation follows the link back to version 1.
 * Every kind of link is exercised on built versions in {@link TestVersionComparator}.
 */
class TestCuratedLineage {
    static final Path DIR = Path.of("src/test/resources/versioning/curated-lineage");
    static final String REC = "https://w3id.org/gkb/id/guideline/test-gl/recommendation/";

    @Test void comparison_and_history_follow_the_curated_link() {
        try (KnowledgeBase kb = KnowledgeBase.open(AppConfig.forTests().withLoadBundled(false), m -> { })) {
            kb.load(List.of(ContentFile.read(Path.of("kb/studies/badwe-2015.ttl")), ContentFile.read(Path.of("kb/studies/e2108.ttl")),
                    ContentFile.read(DIR.resolve("from.ttl")), ContentFile.read(DIR.resolve("to.ttl"))), "test", m -> { });
            GuidelineDiff d = kb.versions().compare("test-gl", VersionSelector.label("1"), VersionSelector.label("2"));
            assertEquals(1, d.curated().size());
            assertEquals("replaces", d.curated().get(0).kind());
            assertTrue(d.curated().get(0).text().startsWith("Follow-up imaging: replaced by Multimodal therapy of oligometastatic disease (curated by Test curator"),
                    d.curated().get(0).text());
            assertTrue(d.notCovered().isEmpty(), d.notCovered().toString());

            RecommendationHistory h = kb.versions().history("test-gl", "oligometastatic-multimodal", false);
            assertEquals(List.of("1", "2"), h.appearances().stream().map(RecommendationHistory.Appearance::version).toList());
            assertEquals(REC + "follow-up-imaging", h.appearances().get(0).statement().recommendation());
            assertEquals(1, h.lineage().size());
            // the earlier recommendation's own history does not run forward through the link
            RecommendationHistory old = kb.versions().history("test-gl", "follow-up-imaging", false);
            assertEquals(List.of("1"), old.appearances().stream().map(RecommendationHistory.Appearance::version).toList());
        }
    }
}
