package org.guidelinekb.versioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.guidelinekb.catalog.CoverageItem;
import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.versioning.GuidelineDiff.FieldChange;
import org.junit.jupiter.api.Test;

/** The comparator on hand-built versions: no store, no server. */
class TestVersionComparator {
    private static final String ID = "https://w3id.org/gkb/id/guideline/g/";
    private final VersionComparator comparator = new VersionComparator();

    static VersionInfo info(String label, String... sections) {
        List<CoverageItem> coverage = java.util.Arrays.stream(sections)
                .map(s -> new CoverageItem(ID + "version/" + label + "/coverage/" + s, ID + "section/" + s, "Section " + s, null)).toList();
        return new VersionInfo("g", ID.substring(0, ID.length() - 1), label, ID + "version/" + label, "active", null,
                LocalDate.of(2020, 1, 1), "day", null, null, coverage);
    }

    static CriterionNode attr(String key, String attribute, String condition, String... values) {
        return new CriterionNode("urn:c:" + key, key, "AttributeCriterion", attribute, condition, null, List.of(values), List.of(), List.of());
    }

    static VersionStatement statement(String version, String rec, String section, String category, List<String> evidence,
                                      CriterionNode... criteria) {
        Map<String, CriterionNode> byKey = new TreeMap<>();
        for (CriterionNode c : criteria) byKey.put(c.key(), c);
        return new VersionStatement(ID + "version/" + version + "/statement/" + rec, ID + "recommendation/" + rec, rec,
                ID + "section/" + section, null, List.of(), List.of("summary of " + rec), "systemic-therapy", "recommend", category,
                "stated", null, null, criteria.length == 0 ? null : criteria[0].key(), byKey, evidence, List.of(), null, null, null, List.of());
    }

    static EncodedVersion version(VersionInfo info, VersionStatement... statements) {
        Map<String, VersionStatement> m = new LinkedHashMap<>();
        for (VersionStatement s : statements) m.put(s.recommendation(), s);
        return new EncodedVersion(info, m);
    }

    @Test void statements_are_matched_by_recommendation_not_by_statement_iri() {
        EncodedVersion a = version(info("1", "s"), statement("1", "r", "s", "2A", List.of()));
        EncodedVersion b = version(info("2", "s"), statement("2", "r", "s", "2A", List.of()));
        GuidelineDiff d = comparator.compare(a, b);
        assertEquals(1, d.unchanged());
        assertTrue(d.added().isEmpty() && d.removed().isEmpty() && d.modified().isEmpty() && d.notCovered().isEmpty(), d.toString());
    }

    @Test void absence_in_a_section_the_other_version_does_not_cover_is_not_covered_in_both_directions() {
        EncodedVersion a = version(info("1", "s", "old"), statement("1", "kept", "s", "2A", List.of()), statement("1", "gone", "old", "2A", List.of()));
        EncodedVersion b = version(info("2", "s", "new"), statement("2", "kept", "s", "2A", List.of()), statement("2", "fresh", "new", "2A", List.of()));
        GuidelineDiff d = comparator.compare(a, b);
        assertEquals(List.of(), d.removed());
        assertEquals(List.of(), d.added());
        assertEquals(2, d.notCovered().size());
        assertEquals(List.of("gone:1:2", "fresh:2:1"), d.notCovered().stream()
                .map(n -> n.label() + ":" + n.presentIn() + ":" + n.absentFrom()).toList());
        // the same pair in the other order gives the mirror image
        GuidelineDiff back = comparator.compare(b, a);
        assertEquals(List.of("fresh:2:1", "gone:1:2"), back.notCovered().stream()
                .map(n -> n.label() + ":" + n.presentIn() + ":" + n.absentFrom()).toList());
    }

    @Test void absence_in_a_covered_section_is_added_or_removed() {
        EncodedVersion a = version(info("1", "s"), statement("1", "gone", "s", "2A", List.of()));
        EncodedVersion b = version(info("2", "s"), statement("2", "fresh", "s", "2A", List.of()));
        GuidelineDiff d = comparator.compare(a, b);
        assertEquals(List.of("gone"), d.removed().stream().map(GuidelineDiff.StatementBrief::label).toList());
        assertEquals(List.of("fresh"), d.added().stream().map(GuidelineDiff.StatementBrief::label).toList());
        assertTrue(d.notCovered().isEmpty());
    }

    @Test void a_version_that_states_no_coverage_says_nothing_about_absences() {
        EncodedVersion a = version(info("1", "s"), statement("1", "r", "s", "2A", List.of()));
        EncodedVersion b = version(info("2"));
        GuidelineDiff d = comparator.compare(a, b);
        assertTrue(d.removed().isEmpty());
        assertEquals(1, d.notCovered().size());
        assertTrue(d.notCovered().get(0).note().contains("states no coverage"), d.notCovered().get(0).note());
    }

    @Test void criteria_are_matched_by_key_and_described_in_words() {
        EncodedVersion a = version(info("1", "s"), statement("1", "r", "s", "2A", List.of(),
                attr("ecog", "ecog", "at-most", "2"), attr("sites", "metastaticSites", "includes", "bone")));
        EncodedVersion b = version(info("2", "s"), statement("2", "r", "s", "2A", List.of(),
                attr("ecog", "ecog", "at-most", "1"), attr("response", "responseToSystemicTherapy", "in", "response", "stable")));
        List<FieldChange> changes = comparator.compare(a, b).modified().get(0).changes();
        assertEquals(List.of(
                new FieldChange("criterion:ecog", "ecog is at most 2", "ecog is at most 1"),
                new FieldChange("criterion:sites", "metastaticSites includes bone", null),
                new FieldChange("criterion:response", null, "responseToSystemicTherapy is one of response, stable")), changes);
    }

    @Test void category_and_each_evidence_link_are_field_changes() {
        EncodedVersion a = version(info("1", "s"), statement("1", "r", "s", "2A", List.of("urn:e:1", "urn:e:2")));
        EncodedVersion b = version(info("2", "s"), statement("2", "r", "s", "1", List.of("urn:e:2", "urn:e:3")));
        List<FieldChange> changes = comparator.compare(a, b).modified().get(0).changes();
        assertEquals(List.of(new FieldChange("category", "2A", "1"), new FieldChange("evidence", "urn:e:1", null),
                new FieldChange("evidence", null, "urn:e:3")), changes);
    }

    @Test void ten_thousand_statements_each_kind_counted_once() {
        int n = 10_000;
        VersionStatement[] as = new VersionStatement[n];
        VersionStatement[] bs = new VersionStatement[n];
        for (int i = 0; i < n; i++) {
            as[i] = statement("1", "r" + i, "s", "2A", List.of());
            bs[i] = statement("2", (i % 10 == 0 ? "n" : "r") + i, "s", i % 2 == 0 ? "2B" : "2A", List.of());
        }
        GuidelineDiff d = comparator.compare(version(info("1", "s"), as), version(info("2", "s"), bs));
        assertEquals(1000, d.added().size());
        assertEquals(1000, d.removed().size());
        assertEquals(4000, d.modified().size());   // even i not divisible by 10: category 2A -> 2B
        assertEquals(5000, d.unchanged());     // odd i: same
    }

    static Lineage link(String kind, String from, String to) {
        return new Lineage("urn:l:" + from + ":" + to, kind, ID + "recommendation/" + from, ID + "recommendation/" + to,
                "note on " + from, "urn:agent:curator", "A curator");
    }

    @Test void curated_lineage_of_every_kind_replaces_not_covered_on_both_sides() {
        EncodedVersion a = version(info("1", "old"), statement("1", "a", "old", "2A", List.of()), statement("1", "b", "old", "2A", List.of()),
                statement("1", "c", "old", "2A", List.of()), statement("1", "d", "old", "2A", List.of()), statement("1", "e", "old", "2A", List.of()));
        EncodedVersion b = version(info("2", "new"), statement("2", "a2", "new", "2A", List.of()), statement("2", "b2", "new", "2A", List.of()),
                statement("2", "c2", "new", "2A", List.of()), statement("2", "c3", "new", "2A", List.of()), statement("2", "de", "new", "2A", List.of()),
                statement("2", "unlinked", "new", "2A", List.of()));
        List<Lineage> links = List.of(link("replaces", "a", "a2"), link("continues", "b", "b2"), link("split-into", "c", "c2"),
                link("split-into", "c", "c3"), link("merged-into", "d", "de"), link("merged-into", "e", "de"));
        GuidelineDiff d = comparator.compare(a, b, links);
        assertEquals(List.of("a: replaced by a2 (curated by A curator: note on a)", "b: continued by b2 (curated by A curator: note on b)",
                "c: split into c2, c3 (curated by A curator: note on c)", "d: merged into de (curated by A curator: note on d)",
                "e: merged into de (curated by A curator: note on e)"), d.curated().stream().map(GuidelineDiff.Curated::text).toList());
        // neither side of a link is "not covered"; the unlinked new statement still is
        assertEquals(List.of("unlinked"), d.notCovered().stream().map(GuidelineDiff.NotCovered::label).toList());
        assertTrue(d.questionComparisons().isEmpty(), "something lines up: no pointer to the question-level compare");
        // without the links the same pair is all not covered
        assertEquals(11, comparator.compare(a, b).notCovered().size());
        // a link whose later recommendation the newer version does not state is ignored
        GuidelineDiff dangling = comparator.compare(a, b, List.of(link("replaces", "a", "nowhere")));
        assertTrue(dangling.curated().isEmpty());
    }
}
