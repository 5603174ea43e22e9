package org.guidelinekb.versioning;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.guidelinekb.catalog.CoverageItem;
import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.versioning.GuidelineDiff.FieldChange;
import org.guidelinekb.versioning.GuidelineDiff.Modification;
import org.guidelinekb.versioning.GuidelineDiff.NotCovered;
import org.guidelinekb.versioning.GuidelineDiff.StatementBrief;
import org.guidelinekb.versioning.GuidelineDiff.VersionRef;

/**
 * Compares two versions of a guideline in clinical terms. Statements are matched by their stable recommendation
 * ({@code gkb:recommendation}); criteria within a statement by their {@code gkb:key}. A statement that one version
 * has and the other lacks is "added" or "removed" only when the other version covers its section; otherwise it is
 * "not covered" (the same rule in both directions).
 *
 * <p>Linear in the number of statements: one pass over each version, with hash lookups by recommendation IRI.
 * Pure: reads nothing, writes nothing.
 */
public final class VersionComparator {

    public GuidelineDiff compare(EncodedVersion from, EncodedVersion to) {
        return compare(from, to, List.of());
    }

    /**
     * The comparison with curated lineage: a recommendation of {@code from} linked by {@code lineage} to
     * recommendation(s) stated by {@code to} (and absent from {@code to} itself) is reported in {@code curated}, and
     * neither side of the link is reported as not covered, added or removed.
     */
    public GuidelineDiff compare(EncodedVersion from, EncodedVersion to, List<Lineage> lineage) {
        Map<String, List<Lineage>> byOld = new java.util.LinkedHashMap<>();
        Set<String> linkedNew = new HashSet<>();
        for (Lineage l : lineage) {
            if (from.statements().containsKey(l.from()) && !to.statements().containsKey(l.from()) && to.statements().containsKey(l.to())) {
                byOld.computeIfAbsent(l.from(), k -> new ArrayList<>()).add(l);
                linkedNew.add(l.to());
            }
        }
        List<GuidelineDiff.Curated> curated = new ArrayList<>();
        byOld.forEach((old, links) -> curated.add(curated(from.statements().get(old), links, to)));
        Set<String> fromCovers = from.coveredSections();
        Set<String> toCovers = to.coveredSections();
        List<StatementBrief> added = new ArrayList<>();
        List<StatementBrief> removed = new ArrayList<>();
        List<Modification> modified = new ArrayList<>();
        List<NotCovered> notCovered = new ArrayList<>();
        int unchanged = 0;

        for (VersionStatement a : from.statements().values()) {
            VersionStatement b = to.statements().get(a.recommendation());
            if (b == null) {
                if (byOld.containsKey(a.recommendation())) continue;
                if (a.section() != null && toCovers.contains(a.section())) removed.add(brief(a));
                else notCovered.add(notCovered(a, from, to));
                continue;
            }
            List<FieldChange> changes = changes(a, b);
            if (changes.isEmpty()) unchanged++;
            else modified.add(new Modification(a.recommendation(), b.name(), a.iri(), b.iri(), changes));
        }
        for (VersionStatement b : to.statements().values()) {
            if (from.statements().containsKey(b.recommendation()) || linkedNew.contains(b.recommendation())) continue;
            if (b.section() != null && fromCovers.contains(b.section())) added.add(brief(b));
            else notCovered.add(notCovered(b, to, from));
        }
        boolean nothingLinesUp = added.isEmpty() && removed.isEmpty() && modified.isEmpty() && unchanged == 0 && curated.isEmpty()
                && !notCovered.isEmpty();
        return new GuidelineDiff(from.label(), to.label(), List.copyOf(added), List.copyOf(removed), List.copyOf(modified),
                unchanged, List.copyOf(notCovered), from.info().guidelineId(), ref(from.info()), ref(to.info()), List.copyOf(curated),
                nothingLinesUp ? questionLinks(from, to) : List.of());
    }

    private static GuidelineDiff.Curated curated(VersionStatement old, List<Lineage> links, EncodedVersion to) {
        List<String> toRecs = links.stream().map(Lineage::to).distinct().toList();
        List<String> toLabels = toRecs.stream().map(r -> to.statements().get(r).name()).toList();
        Lineage first = links.get(0);
        String notes = links.stream().map(Lineage::note).filter(Objects::nonNull).distinct().reduce((x, y) -> x + "; " + y).orElse(null);
        String kinds = links.stream().map(Lineage::kind).distinct().reduce((x, y) -> x + ", " + y).orElse(first.kind());
        String who = first.curatorLabel() != null ? first.curatorLabel() : first.curator();
        String text = old.name() + ": " + first.verb() + " " + String.join(", ", toLabels) + " (curated"
                + (who != null ? " by " + who : "") + (notes != null ? ": " + notes : "") + ")";
        return new GuidelineDiff.Curated(kinds, old.recommendation(), old.name(), toRecs, toLabels, notes, first.curator(), text);
    }

    /** The question-level comparisons of the questions the two versions' statements address (sorted). */
    static List<GuidelineDiff.QuestionLink> questionLinks(EncodedVersion from, EncodedVersion to) {
        Set<String> questions = new java.util.TreeSet<>();
        for (EncodedVersion v : List.of(from, to)) v.statements().values().forEach(s -> questions.addAll(s.questions()));
        String versions = from.info().guidelineId() + "@" + from.label() + "," + to.info().guidelineId() + "@" + to.label();
        String query = "?versions=" + java.net.URLEncoder.encode(versions, java.nio.charset.StandardCharsets.UTF_8);
        List<GuidelineDiff.QuestionLink> out = new ArrayList<>();
        for (String q : questions) {
            if (!q.startsWith(org.guidelinekb.vocab.GKB.ID + "question/")) continue;
            String key = java.net.URLEncoder.encode(q.substring(q.lastIndexOf('/') + 1), java.nio.charset.StandardCharsets.UTF_8);
            out.add(new GuidelineDiff.QuestionLink(q, "The two versions encode different sections, so no statement lines up; "
                    + "compare what each says about this clinical question instead.",
                    "/api/questions/" + key + "/compare" + query, "/questions/" + key + "/compare" + query));
        }
        return out;
    }

    /** Field-level changes from {@code a} to {@code b}, in the fixed field order of {@link StatementFields}. */
    static List<FieldChange> changes(VersionStatement a, VersionStatement b) {
        List<FieldChange> out = new ArrayList<>();
        Map<String, String> fa = StatementFields.scalars(a);
        Map<String, String> fb = StatementFields.scalars(b);
        Set<String> fields = new LinkedHashSet<>(fa.keySet());
        fields.addAll(fb.keySet());
        for (String f : fields) {
            String va = fa.get(f);
            String vb = fb.get(f);
            if (!Objects.equals(va, vb)) out.add(new FieldChange(f, va, vb));
        }
        Map<String, List<String>> sa = StatementFields.sets(a);
        Map<String, List<String>> sb = StatementFields.sets(b);
        for (String f : sa.keySet()) {
            Set<String> inA = new HashSet<>(sa.get(f));
            Set<String> inB = new HashSet<>(sb.get(f));
            for (String v : sa.get(f)) if (!inB.contains(v)) out.add(new FieldChange(f, v, null));
            for (String v : sb.get(f)) if (!inA.contains(v)) out.add(new FieldChange(f, null, v));
        }
        return out;
    }

    static StatementBrief brief(VersionStatement s) {
        return new StatementBrief(s.recommendation(), s.name(), s.iri(), s.section(), s.summary(), s.action(), s.modality(),
                s.category());
    }

    private static NotCovered notCovered(VersionStatement s, EncodedVersion presentIn, EncodedVersion absentFrom) {
        String section = s.sectionLabel() != null ? "\"" + s.sectionLabel() + "\"" : s.section() == null ? "(none given)" : s.section();
        String only = "stated only in version " + presentIn.label() + "; ";
        String note = s.section() == null
                ? only + "the statement names no section, so its absence from version " + absentFrom.label() + " cannot be judged"
                : absentFrom.info().coverage().isEmpty()
                ? only + "version " + absentFrom.label() + " states no coverage, so its absence there says nothing"
                : only + "version " + absentFrom.label() + " does not cover section " + section + ", so its absence there says nothing";
        return new NotCovered(s.recommendation(), s.name(), s.section(), s.sectionLabel(), presentIn.label(), absentFrom.label(), note);
    }

    private static VersionRef ref(VersionInfo v) {
        List<String> coverage = v.coverage().stream().map(VersionComparator::coverageName).toList();
        return new VersionRef(v.label(), v.iri(), v.status(), v.effectiveFrom() == null ? null : v.effectiveFrom().toString(), coverage);
    }

    private static String coverageName(CoverageItem c) {
        if (c.label() != null) return c.label() + (c.locator() == null ? "" : " (" + c.locator() + ")");
        return c.section() != null ? c.section() : c.iri();
    }
}
